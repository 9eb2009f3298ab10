SELECT * FROM plans WHERE province_id = $province_id ORDER BY issued_on DESC
