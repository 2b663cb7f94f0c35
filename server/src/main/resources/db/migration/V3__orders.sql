-- Orders of the demo shop's customers, for the data tools (execute_sql_query, query_database).
CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL REFERENCES customers (id),
  status VARCHAR(16) NOT NULL, ordered_at DATE NOT NULL, updated_at TIMESTAMP NOT NULL, ship_state CHAR(2) NOT NULL,
  total NUMERIC(10,2) NOT NULL);
CREATE INDEX orders_customer ON orders (customer_id);
CREATE TABLE order_lines (order_id BIGINT NOT NULL REFERENCES orders (id), line_no INTEGER NOT NULL,
  product_id VARCHAR(16) NOT NULL REFERENCES products (id), quantity INTEGER NOT NULL, unit_price NUMERIC(10,2) NOT NULL,
  PRIMARY KEY (order_id, line_no));

INSERT INTO orders (id, customer_id, status, ordered_at, updated_at, ship_state, total) VALUES
  (5001,12345,'delivered',DATE '2025-01-10',TIMESTAMP '2025-01-14 09:30:00','CA',1198.00),
  (5002,12345,'shipped',DATE '2025-03-02',TIMESTAMP '2025-03-04 16:05:00','CA',249.00),
  (5003,10001,'delivered',DATE '2025-02-18',TIMESTAMP '2025-02-21 11:00:00','TX',279.00),
  (5004,10002,'processing',DATE '2025-03-05',TIMESTAMP '2025-03-05 08:12:00','NY',1899.00),
  (5005,10003,'delivered',DATE '2024-11-28',TIMESTAMP '2024-12-03 10:45:00','WA',574.00),
  (5006,10004,'cancelled',DATE '2025-01-22',TIMESTAMP '2025-01-23 13:20:00','OR',499.00),
  (5007,10006,'delivered',DATE '2024-12-15',TIMESTAMP '2024-12-19 15:00:00','IL',114.00),
  (5008,10007,'shipped',DATE '2025-03-01',TIMESTAMP '2025-03-03 07:55:00','NV',799.00),
  (5009,10010,'delivered',DATE '2025-02-02',TIMESTAMP '2025-02-06 12:30:00','CO',229.00),
  (5010,10011,'processing',DATE '2025-03-06',TIMESTAMP '2025-03-06 18:40:00','NH',96.00);

INSERT INTO order_lines (order_id, line_no, product_id, quantity, unit_price) VALUES
  (5001,1,'LAP-001',1,899.00),
  (5001,2,'SPO-002',1,299.00),
  (5002,1,'ELE-001',1,249.00),
  (5003,1,'LAP-003',1,279.00),
  (5004,1,'LAP-002',1,1899.00),
  (5005,1,'ELE-002',1,379.00),
  (5005,2,'ELE-008',1,79.00),
  (5005,3,'SPO-008',4,29.00),
  (5006,1,'HOM-001',1,499.00),
  (5007,1,'CLO-003',1,69.00),
  (5007,2,'CLO-006',1,45.00),
  (5008,1,'ELE-005',1,799.00),
  (5009,1,'SPO-005',1,229.00),
  (5010,1,'BOO-005',3,32.00);
