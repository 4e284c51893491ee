-- Serves "this customer's messages since a moment" (PostgresActivityLog.CustomerMessagesSinceSql): a customer grain
-- reads them once when it activates, to recognise connectors' repeats without a read per inbound message.
CREATE INDEX IF NOT EXISTS ix_activity_customer_message
    ON activity (customer_id, occurred_at)
    WHERE kind = 'CustomerMessage';
