-- Which login (an API key's principal or a token's subject) is which shop customer, for get_user_profile.
CREATE TABLE user_accounts (
  username VARCHAR(200) PRIMARY KEY,
  customer_id BIGINT NOT NULL REFERENCES customers (id)
);
INSERT INTO user_accounts (username, customer_id) VALUES ('alice', 12345), ('bob', 10001), ('carla', 10002);
