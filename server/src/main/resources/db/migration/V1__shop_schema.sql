-- Demo shop schema: products, customers, US states with sales tax and shipping zone.
CREATE TABLE products (id VARCHAR(16) PRIMARY KEY, name VARCHAR(200) NOT NULL, description VARCHAR(1000) NOT NULL,
  category VARCHAR(16) NOT NULL, price NUMERIC(10,2) NOT NULL, stock INTEGER NOT NULL, weight_kg NUMERIC(8,3) NOT NULL,
  tags VARCHAR(500) NOT NULL);
CREATE INDEX products_category ON products (category);
CREATE TABLE customers (id BIGINT PRIMARY KEY, name VARCHAR(200) NOT NULL, email VARCHAR(320) NOT NULL,
  tier VARCHAR(16) NOT NULL, state CHAR(2) NOT NULL, member_since DATE NOT NULL);
CREATE TABLE shipping_zones (zone INTEGER PRIMARY KEY, base_cost NUMERIC(8,2) NOT NULL, per_kg NUMERIC(8,2) NOT NULL,
  days INTEGER NOT NULL);
CREATE TABLE states (code CHAR(2) PRIMARY KEY, name VARCHAR(64) NOT NULL, tax_rate NUMERIC(6,5) NOT NULL,
  shipping_zone INTEGER NOT NULL REFERENCES shipping_zones (zone));
