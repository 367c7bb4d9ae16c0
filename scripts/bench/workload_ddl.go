package main

// tpccDDL is go-tpc v1.0.7's TPC-C schema (tpcc/ddl.go), created before
// the measured binlog range so that the range holds rows only (go-tpc's own
// CREATE TABLE IF NOT EXISTS statements then change nothing). One change:
// history gets a surrogate key h_id, because go-tpc's history has no key
// and TiCDC's Avro protocol (and so cdcctl) skips tables without one; on
// TiDB the hidden _tidb_rowid plays that part.
var tpccDDL = []string{
	`CREATE TABLE warehouse (w_id INT NOT NULL, w_name VARCHAR(10), w_street_1 VARCHAR(20), w_street_2 VARCHAR(20),
	 w_city VARCHAR(20), w_state CHAR(2), w_zip CHAR(9), w_tax DECIMAL(4, 4), w_ytd DECIMAL(12, 2), PRIMARY KEY (w_id))`,
	`CREATE TABLE district (d_id INT NOT NULL, d_w_id INT NOT NULL, d_name VARCHAR(10), d_street_1 VARCHAR(20),
	 d_street_2 VARCHAR(20), d_city VARCHAR(20), d_state CHAR(2), d_zip CHAR(9), d_tax DECIMAL(4, 4), d_ytd DECIMAL(12, 2),
	 d_next_o_id INT, PRIMARY KEY (d_w_id, d_id))`,
	`CREATE TABLE customer (c_id INT NOT NULL, c_d_id INT NOT NULL, c_w_id INT NOT NULL, c_first VARCHAR(16),
	 c_middle CHAR(2), c_last VARCHAR(16), c_street_1 VARCHAR(20), c_street_2 VARCHAR(20), c_city VARCHAR(20),
	 c_state CHAR(2), c_zip CHAR(9), c_phone CHAR(16), c_since DATETIME, c_credit CHAR(2), c_credit_lim DECIMAL(12, 2),
	 c_discount DECIMAL(4,4), c_balance DECIMAL(12,2), c_ytd_payment DECIMAL(12,2), c_payment_cnt INT,
	 c_delivery_cnt INT, c_data VARCHAR(500), PRIMARY KEY(c_w_id, c_d_id, c_id),
	 INDEX idx_customer (c_w_id, c_d_id, c_last, c_first))`,
	`CREATE TABLE history (h_id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, h_c_id INT NOT NULL, h_c_d_id INT NOT NULL,
	 h_c_w_id INT NOT NULL, h_d_id INT NOT NULL, h_w_id INT NOT NULL, h_date DATETIME, h_amount DECIMAL(6, 2),
	 h_data VARCHAR(24), INDEX idx_h_w_id (h_w_id), INDEX idx_h_c_w_id (h_c_w_id))`,
	`CREATE TABLE new_order (no_o_id INT NOT NULL, no_d_id INT NOT NULL, no_w_id INT NOT NULL,
	 PRIMARY KEY(no_w_id, no_d_id, no_o_id))`,
	`CREATE TABLE orders (o_id INT NOT NULL, o_d_id INT NOT NULL, o_w_id INT NOT NULL, o_c_id INT, o_entry_d DATETIME,
	 o_carrier_id INT, o_ol_cnt INT, o_all_local INT, PRIMARY KEY(o_w_id, o_d_id, o_id),
	 INDEX idx_order (o_w_id, o_d_id, o_c_id, o_id))`,
	`CREATE TABLE order_line (ol_o_id INT NOT NULL, ol_d_id INT NOT NULL, ol_w_id INT NOT NULL, ol_number INT NOT NULL,
	 ol_i_id INT NOT NULL, ol_supply_w_id INT, ol_delivery_d DATETIME, ol_quantity INT, ol_amount DECIMAL(6, 2),
	 ol_dist_info CHAR(24), PRIMARY KEY(ol_w_id, ol_d_id, ol_o_id, ol_number))`,
	`CREATE TABLE stock (s_i_id INT NOT NULL, s_w_id INT NOT NULL, s_quantity INT, s_dist_01 CHAR(24),
	 s_dist_02 CHAR(24), s_dist_03 CHAR(24), s_dist_04 CHAR(24), s_dist_05 CHAR(24), s_dist_06 CHAR(24),
	 s_dist_07 CHAR(24), s_dist_08 CHAR(24), s_dist_09 CHAR(24), s_dist_10 CHAR(24), s_ytd INT, s_order_cnt INT,
	 s_remote_cnt INT, s_data VARCHAR(50), PRIMARY KEY(s_w_id, s_i_id))`,
	`CREATE TABLE item (i_id INT NOT NULL, i_im_id INT, i_name VARCHAR(24), i_price DECIMAL(5, 2), i_data VARCHAR(50),
	 PRIMARY KEY(i_id))`,
}

// orderLineColumns are the nine TPC-C order_line-shaped columns after the
// key of the bench's own tables: ints, a datetime, a decimal and a char.
const orderLineColumns = `w_id INT NOT NULL, d_id TINYINT NOT NULL, o_id INT NOT NULL, i_id INT NOT NULL,
	supply_w_id INT, delivery_d DATETIME, quantity INT, amount DECIMAL(6, 2), dist_info CHAR(24)`

// benchDDL creates the bench's own tables: the synthetic batched workload
// (TPC-C's order_line), the one-row transactions and the lag workload.
var benchDDL = []string{
	`CREATE TABLE bench.order_line (ol_o_id INT NOT NULL, ol_d_id INT NOT NULL, ol_w_id INT NOT NULL,
	 ol_number INT NOT NULL, ol_i_id INT NOT NULL, ol_supply_w_id INT, ol_delivery_d DATETIME, ol_quantity INT,
	 ol_amount DECIMAL(6, 2), ol_dist_info CHAR(24), PRIMARY KEY(ol_w_id, ol_d_id, ol_o_id, ol_number))`,
	`CREATE TABLE bench.single (id BIGINT NOT NULL PRIMARY KEY, ` + orderLineColumns + `)`,
	`CREATE TABLE bench.lag (id BIGINT NOT NULL PRIMARY KEY, ` + orderLineColumns + `)`,
}
