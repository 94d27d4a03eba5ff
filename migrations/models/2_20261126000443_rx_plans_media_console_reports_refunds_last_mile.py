from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "plan_memberships" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "plan_id" INT NOT NULL REFERENCES "customer_plans" ("id") ON DELETE CASCADE,
    "store_id" INT NOT NULL REFERENCES "stores" ("id") ON DELETE CASCADE,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_plan_member_user_id_73216a" UNIQUE ("user_id", "store_id")
);
CREATE INDEX IF NOT EXISTS "idx_plan_member_store_i_efd241" ON "plan_memberships" ("store_id");
CREATE INDEX IF NOT EXISTS "idx_plan_member_user_id_ba9f46" ON "plan_memberships" ("user_id");
COMMENT ON TABLE "plan_memberships" IS 'The plan a customer is on in one store (no row: the store''s standard plan).';
        CREATE TABLE IF NOT EXISTS "prescriptions" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "code_sealed" TEXT NOT NULL,
    "file_name" VARCHAR(100) NOT NULL,
    "content_type" VARCHAR(32) NOT NULL,
    "size_bytes" INT NOT NULL,
    "file_deleted_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "order_id" INT NOT NULL REFERENCES "orders" ("id") ON DELETE CASCADE,
    "store_id" INT NOT NULL REFERENCES "stores" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_prescriptio_created_851b69" ON "prescriptions" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_prescriptio_order_i_22a3f2" ON "prescriptions" ("order_id");
CREATE INDEX IF NOT EXISTS "idx_prescriptio_store_i_a7eb8a" ON "prescriptions" ("store_id");
COMMENT ON TABLE "prescriptions" IS 'What a customer sent for an order''s Rx lines: a file (encrypted on disk with the';
        CREATE TABLE IF NOT EXISTS "refunds" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "amount_cents" INT NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "payment_method" VARCHAR(16) NOT NULL,
    "asset" VARCHAR(16),
    "asset_amount" DECIMAL(38,0),
    "status" VARCHAR(16) NOT NULL,
    "settled_to" VARCHAR(16),
    "txid" VARCHAR(128),
    "note" VARCHAR(300) NOT NULL,
    "settled_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "settled_by_id" INT REFERENCES "users" ("id") ON DELETE SET NULL,
    "store_id" INT NOT NULL REFERENCES "stores" ("id") ON DELETE CASCADE,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    "order_id" INT NOT NULL UNIQUE REFERENCES "orders" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_refunds_created_7b2344" ON "refunds" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_refunds_store_i_cc59bb" ON "refunds" ("store_id");
CREATE INDEX IF NOT EXISTS "idx_refunds_user_id_1afe10" ON "refunds" ("user_id");
COMMENT ON COLUMN "refunds"."status" IS 'DUE: due\nSETTLED: settled';
COMMENT ON COLUMN "refunds"."settled_to" IS 'WALLET: wallet\nPAYER: payer';
COMMENT ON TABLE "refunds" IS 'What a cancelled paid order owes its customer (the part paid outside the wallet: the';
        CREATE TABLE IF NOT EXISTS "staff_invitations" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "used_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "created_by_id" INT REFERENCES "users" ("id") ON DELETE SET NULL,
    "store_id" INT NOT NULL REFERENCES "stores" ("id") ON DELETE CASCADE,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_staff_invit_created_e29f57" ON "staff_invitations" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_staff_invit_store_i_54112c" ON "staff_invitations" ("store_id");
CREATE INDEX IF NOT EXISTS "idx_staff_invit_user_id_eaaf84" ON "staff_invitations" ("user_id");
COMMENT ON TABLE "staff_invitations" IS 'A one-time sign-in link for an employed person: only the token''s hash is kept; using';
        CREATE TABLE IF NOT EXISTS "stock_alerts" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "notified_at" TIMESTAMPTZ,
    "store_id" INT NOT NULL REFERENCES "stores" ("id") ON DELETE CASCADE,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    "variant_id" INT NOT NULL REFERENCES "product_variants" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_stock_alert_user_id_c6e7af" UNIQUE ("user_id", "variant_id", "store_id")
);
CREATE INDEX IF NOT EXISTS "idx_stock_alert_created_1399c9" ON "stock_alerts" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_stock_alert_store_i_6513d5" ON "stock_alerts" ("store_id");
CREATE INDEX IF NOT EXISTS "idx_stock_alert_user_id_bc0268" ON "stock_alerts" ("user_id");
CREATE INDEX IF NOT EXISTS "idx_stock_alert_variant_64814f" ON "stock_alerts" ("variant_id");
COMMENT ON TABLE "stock_alerts" IS 'A customer asked to be told when an out-of-stock variant is back in a store; the';
        ALTER TABLE "addresses" ADD "is_default" BOOL NOT NULL DEFAULT False;
        ALTER TABLE "campaigns" ADD "failed_count" INT NOT NULL DEFAULT 0;
        ALTER TABLE "campaigns" ADD "skipped_count" INT NOT NULL DEFAULT 0;
        ALTER TABLE "campaigns" ADD "button_url" VARCHAR(500) NOT NULL DEFAULT '';
        ALTER TABLE "campaigns" ADD "button_kind" VARCHAR(8) NOT NULL DEFAULT 'web_app';
        ALTER TABLE "campaigns" ADD "button_text" VARCHAR(64) NOT NULL DEFAULT '';
        ALTER TABLE "campaigns" ADD "photo_url" VARCHAR(500) NOT NULL DEFAULT '';
        ALTER TABLE "campaigns" ADD "recipients_count" INT NOT NULL DEFAULT 0;
        ALTER TABLE "campaigns" ADD "blocked_count" INT NOT NULL DEFAULT 0;
        ALTER TABLE "campaigns" ADD "created_by_id" INT;
        ALTER TABLE "campaigns" ADD "sent_count" INT NOT NULL DEFAULT 0;
        ALTER TABLE "client_events" ADD "occurred_at" TIMESTAMPTZ;
        ALTER TABLE "customer_plans" ADD "free_delivery_over_cents" INT;
        ALTER TABLE "customer_plans" ADD "wallet_limit_percent" SMALLINT NOT NULL DEFAULT 100;
        ALTER TABLE "employees" ADD "is_pharmacist" BOOL NOT NULL DEFAULT False;
        COMMENT ON COLUMN "inventory_log"."reason" IS 'ORDER: order\nCANCEL: cancel\nRESTOCK: restock\nADJUSTMENT: adjustment\nRETURN: return';
        ALTER TABLE "orders" ADD "kept_cold_at" TIMESTAMPTZ;
        ALTER TABLE "orders" ADD "prescription_state" VARCHAR(16) NOT NULL DEFAULT 'none';
        ALTER TABLE "orders" ADD "cold_chain" BOOL NOT NULL DEFAULT False;
        COMMENT ON COLUMN "orders"."status" IS 'PENDING: pending\nCONFIRMED: confirmed\nREADY: ready\nASSIGNED: assigned\nPICKED_UP: picked_up\nDELIVERED: delivered\nCANCELLED: cancelled\nRETURNING: returning\nRETURNED: returned';
        COMMENT ON COLUMN "order_events"."kind" IS 'ID_CHECKED: id_checked\nHANDOVER_REFUSED: handover_refused\nREFUNDED: refunded\nPRESCRIPTION_SUBMITTED: prescription_submitted\nPRESCRIPTION_APPROVED: prescription_approved\nPRESCRIPTION_REJECTED: prescription_rejected\nKEPT_COLD: kept_cold';
        ALTER TABLE "order_items" ADD "prescription_required" BOOL NOT NULL DEFAULT False;
        ALTER TABLE "order_items" ADD "cold_chain" BOOL NOT NULL DEFAULT False;
        COMMENT ON COLUMN "order_status_history"."from_status" IS 'PENDING: pending\nCONFIRMED: confirmed\nREADY: ready\nASSIGNED: assigned\nPICKED_UP: picked_up\nDELIVERED: delivered\nCANCELLED: cancelled\nRETURNING: returning\nRETURNED: returned';
        COMMENT ON COLUMN "order_status_history"."to_status" IS 'PENDING: pending\nCONFIRMED: confirmed\nREADY: ready\nASSIGNED: assigned\nPICKED_UP: picked_up\nDELIVERED: delivered\nCANCELLED: cancelled\nRETURNING: returning\nRETURNED: returned';
        ALTER TABLE "outbox" ADD "request_id" VARCHAR(64) NOT NULL DEFAULT '';
        ALTER TABLE "products" ADD "period_limit_quantity" INT;
        ALTER TABLE "products" ADD "image_key" VARCHAR(64) NOT NULL DEFAULT '';
        ALTER TABLE "products" ADD "prescription_required" BOOL NOT NULL DEFAULT False;
        ALTER TABLE "products" ADD "period_limit_days" INT;
        ALTER TABLE "products" ADD "cold_chain" BOOL NOT NULL DEFAULT False;
        ALTER TABLE "stores" ADD "default_tax_rate" DECIMAL(5,2) NOT NULL DEFAULT 0;
        ALTER TABLE "stores" ADD "cold_chain_max_slot_minutes" INT NOT NULL DEFAULT 120;
        ALTER TABLE "stores" ADD "prescription_review_minutes" INT NOT NULL DEFAULT 1440;
        ALTER TABLE "users" ADD "bot_blocked_at" TIMESTAMPTZ;
        ALTER TABLE "users" ADD "news_opt_out" BOOL NOT NULL DEFAULT False;
        ALTER TABLE "vehicles" ADD "has_cooler" BOOL NOT NULL DEFAULT False;
        COMMENT ON COLUMN orders."prescription_state" IS 'NONE: none\nREQUIRED: required\nSUBMITTED: submitted\nAPPROVED: approved\nREJECTED: rejected';
        ALTER TABLE "campaigns" ADD CONSTRAINT "fk_campaign_users_66b86c64" FOREIGN KEY ("created_by_id") REFERENCES "users" ("id") ON DELETE SET NULL;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "campaigns" DROP CONSTRAINT IF EXISTS "fk_campaign_users_66b86c64";
        ALTER TABLE "users" DROP COLUMN "bot_blocked_at";
        ALTER TABLE "users" DROP COLUMN "news_opt_out";
        ALTER TABLE "orders" DROP COLUMN "kept_cold_at";
        ALTER TABLE "orders" DROP COLUMN "prescription_state";
        ALTER TABLE "orders" DROP COLUMN "cold_chain";
        COMMENT ON COLUMN "orders"."status" IS 'PENDING: pending\nCONFIRMED: confirmed\nREADY: ready\nASSIGNED: assigned\nPICKED_UP: picked_up\nDELIVERED: delivered\nCANCELLED: cancelled';
        ALTER TABLE "stores" DROP COLUMN "default_tax_rate";
        ALTER TABLE "stores" DROP COLUMN "cold_chain_max_slot_minutes";
        ALTER TABLE "stores" DROP COLUMN "prescription_review_minutes";
        ALTER TABLE "addresses" DROP COLUMN "is_default";
        ALTER TABLE "products" DROP COLUMN "period_limit_quantity";
        ALTER TABLE "products" DROP COLUMN "image_key";
        ALTER TABLE "products" DROP COLUMN "prescription_required";
        ALTER TABLE "products" DROP COLUMN "period_limit_days";
        ALTER TABLE "products" DROP COLUMN "cold_chain";
        ALTER TABLE "vehicles" DROP COLUMN "has_cooler";
        ALTER TABLE "campaigns" DROP COLUMN "failed_count";
        ALTER TABLE "campaigns" DROP COLUMN "skipped_count";
        ALTER TABLE "campaigns" DROP COLUMN "button_url";
        ALTER TABLE "campaigns" DROP COLUMN "button_kind";
        ALTER TABLE "campaigns" DROP COLUMN "button_text";
        ALTER TABLE "campaigns" DROP COLUMN "photo_url";
        ALTER TABLE "campaigns" DROP COLUMN "recipients_count";
        ALTER TABLE "campaigns" DROP COLUMN "blocked_count";
        ALTER TABLE "campaigns" DROP COLUMN "created_by_id";
        ALTER TABLE "campaigns" DROP COLUMN "sent_count";
        ALTER TABLE "employees" DROP COLUMN "is_pharmacist";
        ALTER TABLE "order_items" DROP COLUMN "prescription_required";
        ALTER TABLE "order_items" DROP COLUMN "cold_chain";
        COMMENT ON COLUMN "order_events"."kind" IS 'ID_CHECKED: id_checked\nHANDOVER_REFUSED: handover_refused';
        ALTER TABLE "client_events" DROP COLUMN "occurred_at";
        ALTER TABLE "customer_plans" DROP COLUMN "free_delivery_over_cents";
        ALTER TABLE "customer_plans" DROP COLUMN "wallet_limit_percent";
        COMMENT ON COLUMN "inventory_log"."reason" IS 'ORDER: order\nCANCEL: cancel\nRESTOCK: restock\nADJUSTMENT: adjustment';
        ALTER TABLE "outbox" DROP COLUMN "request_id";
        COMMENT ON COLUMN "order_status_history"."from_status" IS 'PENDING: pending\nCONFIRMED: confirmed\nREADY: ready\nASSIGNED: assigned\nPICKED_UP: picked_up\nDELIVERED: delivered\nCANCELLED: cancelled';
        COMMENT ON COLUMN "order_status_history"."to_status" IS 'PENDING: pending\nCONFIRMED: confirmed\nREADY: ready\nASSIGNED: assigned\nPICKED_UP: picked_up\nDELIVERED: delivered\nCANCELLED: cancelled';
        DROP TABLE IF EXISTS "stock_alerts";
        DROP TABLE IF EXISTS "refunds";
        DROP TABLE IF EXISTS "staff_invitations";
        DROP TABLE IF EXISTS "prescriptions";
        DROP TABLE IF EXISTS "plan_memberships";"""


MODELS_STATE = (
    "eJztfW1z2ziy7l9B6cskVUpuIsdJ1rt3q2RJSTSRLV9JzszseIoDk7DFY4rU8MWO9+z+9w"
    "uApMQXkCIkSiKZ/jITk2hIegA0uh80uv+3tbA0Yjivu5pmE8dpnaH/bZl4Qeg/kq/aqIWX"
    "y/UL9sDFtwZvi/1GxG9267g2Vl364g4bDqGPNOKotr50dcukT03PMNhDS6UNdfN+/cgz9b"
    "88orjWPXHnxKYvfv+DPtZNjXwnTvjn8kG504mhxb6urrHP5s8V93nJnw1N9xNvyD7tVlEt"
    "w1uY68bLZ3dumavWuumyp/fEJDZ2CevetT329dm3C35q+Iv8b7pu4n/FiIxG7rBnuJGfe6"
    "usn7UU5XI8U6aDmaK0JABSLZOBS7+qP1j37Cu86rx99+Hdx5P37z7SJvxrrp58+K//0Wtg"
    "fEEOz+Ws9V/+HrvYb8ExXoNKfzUx0rj25tgWA7sSSGBLv3QS2xDJPHDDB2t01zNqBWVrX+"
    "Au8HfFIOa9O6d/vn+Xg+S37qT3pTt58f7dS/aBFp3+/sK4DN50+CsG9hpcl3x3ZbAN2x8O"
    "2n3O3Bi4p2/eFECXtsqEl7+L46sRF+u+oioKcUSkcRO4UwjjTg7GnTTGBhZM4U+GhTMUb9"
    "A+Ae4dEygAb6BaqzKHc+Dsj6/PRwN0NRn0htPh+JJ9yuLZ+ctYv2SP6APd5RBMBt1RElv6"
    "0VLY+u0B2wLY6s7qK6cgPrcsg2Azw3KICSawvqWS+9ISqyeHBft8PB5xgJ0A4PPhLKEfri"
    "/OB5MXb1/GQQ+NizXmqk0YJopIZfTpG1dfEDHocckE6Fog+jr8RzkjcFAzjv4+bWwaz8Hn"
    "5ozHbHgxmM66F1exQel3ZwP2phNfC8HTF+8TKn3VCfplOPuC2J/oX+NLvmyWluPe2/wT1+"
    "1m/2qx74Q911JM60mh9v4aovBpCGNs0D2H2IqUbR6R2Gyg12BsSzDRmdNz9yC00Blagl3C"
    "sol+b34lzxzjIf1G2FSJANPAy7sOuqkXtv8N5074dP35Nn5aOYnRKUV/Ov3BxNdRve601+"
    "0PWhzgW6w+PGFbU2JIszdWx0o8WbVNv1p0Fskn2MT3HBv2K9h3jrvWPcszXe7sZjnfYYt2"
    "AR+cosEbF3PFW7M5QSZ1LJBGbP0Rs8eIDyZaEpu+cZ8s++EMWSZBtvXURoalPhANPc11gy"
    "BsouBTke6gBdbI61Zi4PbyAUATVIsmCEZRxtOKiJTjaR0X4JinddIp4GiddDL9LPYqbjqx"
    "BaTwnyYxe+NC+9pL05bqmwrP4tROeiTNbxDbnRBVX+qE71ppzR9vka/5WVvFDhsX1Py/zC"
    "1E9aeDrjxnbj1SZcz7cdCdRf+JHJfaEG2qgTX+gOpjde63QA909J20pi+jQ9DsFdPs2Pen"
    "Cqv1oH0DOcq3hfiztzn82ds0f7YMlorCTdQH8iwDtlC4gcifvi2yodJW2ezw29SWynVOGu"
    "2fp+NLMdorgST/oKsu+g8ydGdvO2rrH3eeqXLT+dbTDVc3ndfs8/65L+Y4B24GUIx7CFF+"
    "cdH9NTkAvdH4PEkqsA7O03Qc3av0R4Gu2cTGreUOSMaFKh64OODi6sPFcQtMjoyLigAbt5"
    "GN43CVQMdNw37qhW5RPi46q6pEyJ1j0xQTccGbdp4bdsvbQAhM/VZ0O8cDcnXXECzpbDtx"
    "JVANO5F9bHPsxAVduIpnS8UkxYQaF9axl9AZQzel2NywPaBbBF06y3X+tYpr66gIMLlJb4"
    "aaU7brbOHMxARL8GXqE0RTJd8lxCTXeSGmts0IR8RgfKs8vkABAQVUETcWKCCggIAC+kEp"
    "IMu9II6D+SRJ00Drt+1cKshylYXfsOBpfBcF7RFGVBo5xHQRvrU8lwVBWbZG7DZ6IEv6xk"
    "LkkdjPSLWW9D/07S1BRKN6nkVNERO5c+ILtBIjtpcPuTHVOTbp70QvCFbnSNOdJXbVObF/"
    "chB9RfuaW08OF3Aomm2kerbNPpiuAJe8zDr2/52ByN6xPoKJEnx79tcfQIodkRQLhqYoPR"
    "A0b+DR9Nv3RWICkht+JCTgfZIciEz3hBWs32fO24jQ4diB/c/fv3U6JycfOm9O3n88fffh"
    "w+nHN6uJnH6VN6PPh5/ZpI4NQtoijqgXKfTjcjAAWw/A0rOpvSsVcBQRaaB6KT+SFLy+H9"
    "Dr44aanNcXFQGvT0Q5gyMNjnQtHOmUJigB1HHYTzNBjWq/SrETNjbj7m3sRTuXk2BN9hCd"
    "8vt6pTqGdw+e+VE9cz4EEvZz2L6BxnP5GVvgNsR+s4mAUQVGVSX2/11OJyJ0hm1pnuoKbp"
    "mcB5Kfvk6IgTMCewKor/xeCoBdzeiEFNj/3aeF1MOLJaZTWWQkrd7l2klq0Krwwc2tbWFN"
    "xY6LXCu858jOPjz6rwWx2dGHbXn3c34EEj5l5y/pK5S7dgbBw9WyxsBg2K/BsFgfxhYNz4"
    "6IQIB2jL8sI0Abe5pOAsuh6IhEZWBISh8SdszuZWRBHJjeImXxJSNkA+kDxnZrNr5zJfFv"
    "9SfdT7MzxGVvzGnvy6B/PRr0z5CjzonmGUSjTweX/eHl5zMW+aDRQeJPZvxPKtPrXvYGIy"
    "6jMjAMKpPcoo9zKLz6CdvEOCdkIQy2ymGwbCZuM8hrMRjfSo8v1adSaQdWArA1lr41LucW"
    "HSrJ62QxIbjwVOTC063nugwlyYTXCbHGYV0+QR0gJjmj41KNg3mfU5olhdkC6lDsgFg/kV"
    "uFkV4HgfxjAcA/ZsL9MQn2OrWZn91SgqkSicIFylQ0CzMfZaGNCwGoSVDvsM68LllYk2IA"
    "bBLYWz9HrDSyKTmANqUIHvTlcgtoU3IALdy3hMjb1dDdPsuFNaTktlpPFeNxIAa3kpBCuM"
    "hhY3DXa7sEZAsWbqiYJigKbEoNxtCl3wJdXo9Gx4rG7WFbmLubP2/nx5jYRdN0d1dRHj85"
    "iA72I7FfObpGEOsD6SavnMAn4Gt0ZesqcRC2WckFloCbP9fOEDae8LMT3rwVxZ3s50OE4c"
    "JhyRJfuUC48DEDVLyltqVRGpc8jFF6WGulnlap4BQq+PZgOO3RFoU6V2CJVsBgkrNEoXjY"
    "fouHRYwXlyx2jANnVuWQdlPDrfRIkeABXhkWeohlvpWurEau7FtzauAlPGJbxxQSMISPaQ"
    "j/5dEx0F2BS54JbVSkSUk/ymO8+fqRoj3XEmATpQENVIUcpnEhmKibbc1QM+9oFoU0UL3m"
    "bGFqbr1UNxua4R63O6jBbbhv6w5rNneL4htftlVKQtDDzrxvW0uxYRW822BYOXNFo80Kcq"
    "CsV4SRZuuMb6SqzSAqy0Ro2WiO6TBqSDfbvJ6sM9fvBPzmNh3AXbpqWWh4wWILFDWscFkQ"
    "3qQYBCYkrQrTcuUuKQbtGxcoupcrihD20TCCvUjYh7/RyNnpMRnwftJ66hhZ7Cp2bl42pD"
    "ZRCZ118vFJaUGAVxCgxIxJyXO2iAhACjFfcNJ2YHT3c9Lmb+4loNpfddRMWGNW0GZcubos"
    "DdZp2Fu9dGzhKRvZWzIC6Y6ZK7SmqGbmChWjGrGcDnf0XlNo01ZmxeI/XXJv2c8tIREavG"
    "vnE6G8lV6wSozkCTPkZa0Oewl5WQ+elzU7p0ZGmjVIqVFCSg2obVuuwwt1MQ9cF3OJ2fUF"
    "OYohJgO0DdA2QNscGN390Db+ui4B1ag7UC9NUBTYmAqUdtOi9e90Q6NdCbY7qWDppuEdn5"
    "eQWfzw8eRzoj5Ynjuy7lsihz/yup3r8wcNFSNouTH8aWwSZFtPPD4plEaOS5ZnfhZwy3wk"
    "tsN8CupcmMRA7GCdV1x1SDoWaufeNgdGRakH2jH7fySY4Q9gHg7KPAQjkGYeimT/9WWrzE"
    "LQnXsyU64mw56fuNd2lSW7oqzdmN1+fzKYTpXel0HvK3uLNbq1OI7C5z1PCDyiHfe+jKeD"
    "yzPkGJZLX1kOMW/Mq+5vF4PL9cslfl7whFfh+1GXf+DSwPyzPnWHPHOwn74pueqKhR8Vij"
    "7KCT5KpQ32VJX+XEnPMSIFfmNxv5EqOEfEe2RzfGsJCKUrEkrHVJwMzRe2B5qvdJoPohp/"
    "wKhGCMADXqz6kB4+E8PmOVo3PIFnbHIihmrN113zMEDw0n6Dl44UW2OwpN2DR2KKU6xFXr"
    "dz2TbeUCGP4f2vIhnXAnr1Ff1yxrOrqw7i8rxMELp9Rhgt6bdmtwcXuqm/op8uSqm2ZS8l"
    "3zs81+9/FArtb53OycmHzpuT9x9P3334cPrxzWrvS7/K2wTPh5/ZPhizswsQbcRhtKnQ9s"
    "gJ9IlJ7YsIOOhoQBXm+oK7DG9lFyVZVgLAspTOskjWcYECLlnzXFDAxVJ5otJtKKyEKBRc"
    "q06qyzRpBUzlD8hUHoNWq5ZX/SOwarVjfitEq1Vrtv4YrFolGaDNtNqRCCD7eelafcJvB7"
    "REFFCsQTuXBOJN6Y/jbfdy18ok7pNlP/gDZuuPPPRO4WMPN6+OGv8UGZnCjMFapIGkwUmn"
    "gDd10sl0ptiruHGAHYdIVXZdCTQQ3vKrvwdRa1IAr0WaCHGnSIFR2iob5E6qyGhKbRdXxS"
    "JRsHlFZUYxK235QARX3/MY8qjUVtO5arjG6a23RRQybZVNb71Nq2TIlrinpNa8vJEqNYOj"
    "MgdkZwfXk8MQtCdFDIpseyJV7hmLElL2iaovsJERSouFOSk1X+Z1IFs/TZEDbH/QG150Ry"
    "8679ofE8HJIebvUqx3sL7J9yVPgCuJskB6Z8CrZmkUQPzkY/uNLOJhKpPtEI9KHwfxfann"
    "suF2vytz7MxltHNEpBTj4rje9P4NZZv85ek2L/Zs3un2ghu+MkZGdgeHMzfe1sXc2BLjI0"
    "JbF0vOcbHrZXjVRa7GhdIHtOjwE9ZdhpEcxK3uL93hbHj5+QyFPdyYvfHlp+Hkgj8NZgt/"
    "ftUdsmttWNduzOvL/mDiP/Do97L9p+Nv4UPrMXw2+PVqOGH336hxwNZ2axttVTpz4n8ZZ4"
    "vD37gkHPFX+ojfn73bHfInZGGkKz3SEMzx4wVzQI3ipo26YK2nUpxU87Jh/Q5G4a5ho6Ki"
    "GghohaKiKoZuE8KiagrpxqrP1b5sWEVId7prGGF4bWw6WM0gxKSSxPGwsNm6vxpagMdJhZ"
    "YCLjM+L4Huxhi95OgWy45mma/UOf31YZYm5BBiItdC2ES6+WjpKvnJCbM/tdGT7s6R7joo"
    "xpKKU6WV17UwblBbxy+63+nagFjBY8YK8iFIwZp3dLTfa5tNi7HyjzO3OgOFw+YCp59wWr"
    "Q3V88QBqXkJtILRQ6YRW/1pLZp9IDibRjZBxTvjzjqRSjewPaVLJMbEwIObSOHFvEwdqQn"
    "Ujeu6oVzUZ4iPsPE7M+R7sR5jmstiH1lYLHLHX3fzvW2g5bKkjYtnBfJsJ6x4T4jVyc2S7"
    "XszNnvop6whugnsAqKz6/uCEGa7qjMZkd3ls2d4QVZ3BJb4GGX1Gd++TOV/n5wrI/qWPMh"
    "SMGaEzEftG+gY13+9Tsof7ZJ54ug3k9e5EB/KbeiLErZ/ndCDNzvpFsY7gVKuA8oS2Krwu"
    "I80wU2jBz7MaejxuB+0vnwfgU5+yMP7elFdzRKQ76wTHduPPvVFKRvkmVINwbh0mb2E52t"
    "xFUMfaFvPamz+jhgPP2bGszoO5sQZaUAWPCy9LTO6wKu/EL5SuBPK+v/15RJq2q+s6qNLk"
    "SiVYA72xyJViTEJ6B2BFuGTHVDA5sXfkdzfVlD2iAztCe28p90V51TrX1nW4vdAZvy7oIa"
    "hvWyXOTgci0AaxNYLAZyx0XYrNx5ew2q6wdOxb8sk7QE5H7sfTuP3F+5J/+mTfeQ7Q6Y9G"
    "Oms4Ps96sQtUJ5wd/m5AV/m84LvrSM53tRHcecFPhrkcNT6seJTtsLeX5H5GnGmAyQiykO"
    "VzcVP+5emr9NSwK8SXgJVdIUKM8lMtAmpIA2TAO7tHXL1l1BlrVMVKMiMFOBh91mWwMeFn"
    "hY4GGPrriAh60GD8vtvx0ZoIYV0NwvBWQz3qYlIn/8N+1c2oe32T/fE4msDJKg/QEU0EFv"
    "KbI7skvLzki5vzl3XayDA6avU7HdksO89Wk8ntG+LMu9Mc+HXwdn6FZ/IDdmrzth0cJ+f5"
    "K8UZGLjdnXGlOXGmuYR9C6uzN0k8gOxvjTp9Hwko5BIH9jdr91h6Pu+Yg+w49Y59+KDtT1"
    "9Dc6UJ7zvM3wlJ8G0MCOqxgiS/yTYeEMbRQVSgzNHZOq7Z4mvG06vqaDiK4mg95wOgy4vZ"
    "VlzV/GHZ7JoDsSouwnp5RE2RcClAujbKl+uQl571IkD0kPq3NLLu1ULj1nzgMNeU4ayeIZ"
    "QuHmVYjdRwkNoMyAMquI2w+UGVBmxbn+RzLX6UDKgRoXgjOpSiZ7rD2tAczu/pldgSooAd"
    "Zv657qpQaKAhtXgDskKGSXORXNtkQ3QKXSE9J++rSbfdmLxw4vdeb6nSgkRQYjnxefsp6a"
    "ChMcwhQ5hNmU3nZskplF/1NQ222b3PaoG3RRTbcxt23ZJ1r++sw81lot301nW8paZUBEc6"
    "3svnbOcRZdi/Z2bn9csoHJv2ri5xeiMQmFcJtBjsoBUV3lEeaGLx04g1cHlY44zhKHYM4U"
    "URp6GMttYU4JA8ipjDO+ySGXnDAqA9Qk1KABGu3A6O6HRtNW4Xc7orqO42smrDEFuH3g6R"
    "EotGrahYeNPx0slob1TEhL4Kqv3rXz/HQStCqcUpQumLu7IJfnTw6yLYMg3USWSRBfougF"
    "RktiO5aJFvgZPVn2A88A6hA6z7DhN3JeijKLltm1MMFoyDT5KhcSjB6TRGCjm4a1WAhmKF"
    "vlK9Kt3vV0Nr4YsKjXIHfvjdntXwwvzxDWFrp5Y150L7ufWQN/fdP3/eH0qjvrfWEPNd1Z"
    "Ypb7gj2fDL/xZ6vd6PgxmrqjLOloLbAaXJaWi7iJy0LFBYmwG4hzgjinipiZEOcEnm+tAn"
    "LqD2gOlQCFQssuFArkzN5vr+7TP/6EH1mKCaF/vHrXzvOP74JWezjDXvujS9vSPNoteKRH"
    "LXkBVt6PZ+UFS0/OKokLHe4krvKLC6xnsJ6rDSgcxB32IA5ckrJdktBY3B3Uq3VPNdutig"
    "Ib36ir5JkMzUdi0pX03BK4JuuX7TzfRI8123h2d22yKnzWHT9Qe8S2jk2X/hvNWem+6Dnb"
    "a9QnDDaioSfdnSOMKNCazvrBBvILuKbP78rvPr9IYPAR4DQd1Wn6y6NjIJf3MSoCUWwpKw"
    "8qKzfMDRWE4qavVoG7VPqlan9/kLxUHRMCWMFpOsol4MC0Kc3E/7busJn4xtdtJQ19VnYm"
    "z9YPytIUMPcVI2gKV+rqpEXzzGg62C6WwHXVHshnwdZP7TKP1aq+V7ZwT8TCgLMQZ+yIKq"
    "8UjOJcSVc6jnM86bPQS36rn6UxvewNRiyTKf1Jxo05oZb/uPf1DNFp41rqA4vx/Pl6OrsY"
    "XM5YoOf/eI67oGqbtZxdTy5ZQ9ezzSR9cpwYTjjybJivWeTIk1oMluRBUlQEMk2lFaFfd0"
    "cK0qjIniCtn4EEhAgQInWAFQgRIESqjW8RQiS1g5WAb3mJq6qIanTTzkg4l7K0Dhf9UDEj"
    "qyioUeNSOovfPqm7kXWvmxm03epdO4+yM1groOtquce3c+g6XaMuvU7fCFZ3dmr3uFTjcr"
    "p3Tt8V4Cdoq0yCgr9L1EOlE94STOFslNcSVaaVtsT4pEja/JPsrPknqaT5jqeqxBGlbci7"
    "ShqROuBF0v1vViJYS7xImkeYZrHRhydJD6Qv3hdRF++ztcX7lLLQl1LqeAmwFoKVh6dSE0"
    "nkgGXDG5dqHMwnhWrZn+TUsj9J17IHPv4H5OMPf6+jWs53oy5FVwvaXS8gHNsD99kkgfu9"
    "opmyfe91Gvayr+2uKF7TY6mqWvQn/N4Kk/yw59TRWywtl5jqM6/glQxRFxRkZV2sHkaUOV"
    "RqPahjH4yohJmzlgB3s4i7Wb/aq0tiarpf8FImbuRqcNkfXn4+Q4H8jdkbX34aTi4G/TN2"
    "4+VOtxdEY3Eh3f5vLCwEa883Znc6HX6+ZE2w49ANirW4Gva+DvrK9RXtS1cfqGLwljdmfz"
    "BiScFYU6r7WF4w1taPTxnxz+AhKob/GSz2hH8bP/yEfx//KWvqPyT+7D56VAoriq2L3OTs"
    "U8q1BNwoSZIOS/zMIpCUPCpt89JL91JlfccOub6wJeDMeelpvhxstj4mv13NxvQv+3npWt"
    "WY7yG0TLttnRMx1Umlh6d/PVDGl0qgw6j606iV5ZueTJMxRfhLdzijGku56v4WBNM9YZ3H"
    "ZQY/lSrG7pAO7BLrXMV9ur7sK7Rjps7uPFNTaJ/hc1/JsadMHX4bM7lHS99K4XWKOP6dbL"
    "+/k3b7PdtmxqKM3RGVqfJQb2t5FDE8su2ONMt961ouNqST76cFYYNJJd4PFq1yR4g0wGJh"
    "ADkFsu6olkcVvDTAKUEANwnuE6Z2sjy0STEANgnsdkoXNO4GWFXLkZ+tcSEANQkq1jSbOI"
    "7iku9SB11JucYddZ0WOuo6zTnqOk0fdYWoacTFupHBCOUDHhFtHOadQph3cjDvpDE3ROeK"
    "nwwLZ2gMQ3iaeMcESjkKqUqER398fT4aoKvJoDecDseX8SNC/pJz9avIjsmgO0pi6zOExb"
    "H12wO2BbC1yV+eTpe8omuKOifqQxrp3GgloTyUHJAIXFra62+3I08l7OmA+tu0TCKpw1uX"
    "48sBHQAqyQil/3c9nPiEEp9W2o05vT6/GM5m7KHj3S5012VPu1dXk/E3zuUvl7b16DPxPw"
    "96M1/6f3jdxGpwkHSA2Nqgnye5tuKCsKgkFtUDWboKx08+3icpC4VWq5PdKR3iE+47W4V2"
    "pYRhrKs81lUqqluxYS4//0R4ziNtEEYFYdOS2LSoz60sdNMLSiIUnNUJKZjMmacoCr5zRR"
    "FI+XtEShj2iCrvEaaV5UBlBJlZB3eTakwt+oFPivxlm5Rg4/Dey62FZLirBOIC0a0wr5iu"
    "SnjrnY9F3PXOx2x/nb1Lc2LEcZU5tRdlEE/KNW6Kl3//aRVeuYXzlpSFfbnK+zLcv/oR71"
    "9BxvWGjbpgracyrof3deRu3iWkIB+WwI/lNcrlYI3JwJVGwfGbtbCka9StRIBuESQYNCzJ"
    "VHgRCQAUMjYeANJ/W6YkohEJmKOQq/EYuRqjF6F3xLXZVf8StmQMWZZWfDLszVopfVACrP"
    "3gysW/gu7qpROKwhtRhQVSNbLNvQRoZ9TPmwZdNRPWiBVUAFZuhZaA6xXrp0f/3VxgowZ7"
    "AWR9l6kMbbDqqFYuVlFYY66ldHKTNd63Frv77Dj4XnTwfR5If/o6IQZ2xXfRA8DPLffC76"
    "iGjFAW7OkQGM22ljsi1aP99Gk3zVn0cZhYVJflsTvbZGeogr6ClLRNRIvf2KcfvrQcXRRS"
    "JQUX76zv99VQwFL1wraHK1mkrIFokUdxoJ4MTDwr1eCR1LI4VLE55ZJFGSANaT9NxWiuO2"
    "FR7h1RmvJ0R1/W/TURruiFkB2n1lWkq+bCxdwEm7DAmVIgo91NVr01FTWbPOrkaUesJryT"
    "hu5/NmEw7IwQa9lQhIJsD7SB6WC1hLX3C+9wtu6vQcAxl7pwVtBkRH82rGOTzCz6nyJTMe"
    "ypQYjKpk71bdGs/KkrS3VDElVlbRtvTKXamlosQxz9hcidYxfNad8Ufw25FsKmX0UTPel0"
    "xDwXLaxH1pB6c8jP7IheuHOChn3EXWPkx9VEMSu5+xtzjk3NeiR2G2GeIMyhfYXPXlLkaX"
    "sWu2PoJkHO3HpyaHdt/jjoMrD2kGYRB5mW+7q1mkxQr+WwB6fZaV0fdJFSKXZhOZStcpK1"
    "1rCv9L4MWJrQM7S+L3hjfule9sffBhOFpcGbsrfh5FaC2S7OkHc1GUx7k+HVbDi+VCK3m+"
    "O3t9dXnWPt1/eeY83Xl6Bjrdc3omOtw+vRN+bXwdVM6Y1HtMXq1mtSLxQJDO4UKk+TU50m"
    "FRjsV66yLWPr2/DxHioc+t7qXU9n4wtWCTk8t2Slji+Gl6zK8UI3b8yL7mX3M2vg70n0fX"
    "84verO6MSkDzXdWWKXTkz2fMKyPtJnq6OH41+AZ7ojPYo/T8eXGSFrWFiAXdNVF/0HGXRX"
    "2Jd6aP2DrlJuL6JbT2elyp3X7GP/2dqvSSKCmuHDel4FfIYQv7jo/ppEvzcan3PIIpGcrI"
    "NzqILR7HhcqEp9QCvouFWpq7ZgIMixipBCTN5hY/IOXd23pqBmlvcVggrVfYtgWtnqvutz"
    "yCx+LDyk3ESPrQ5FN7NjXcSZJOsuzlZxQmlp6yqhzzXEMrUi7LCnz+iJ2AQ9zYmJdBc90a"
    "dLA6tEe52ixkruGzisanFY/P8pWHNyRgTtq8xbFQd3/1kMnAdPBt6geQPRLf8C/V8eNl3d"
    "FYREZGqFqMjhUlVXXj1E4wCoRpfOLpaQgiTgkFn9AKBSA0yxCfvQMOFp4nQ3L1dbWhjytW"
    "2buTfMWCs5BJl9wEhIjASk2D085kCB7iMXgeapknfn40Jg0AlwfcS2Tm1eOVzjQoDrZn4Z"
    "qNA9UKHBNCwB1itfUXxbd1iz6VsU4PjKLXD5O1Ch5WHcYHDj200GuEekneMXO7L459T1j0"
    "1EtB+SqEQuoGxkpLOhB/63WvzvnW0tlN3Kpye6qHK4GVRPP9sykM21dpwlsQ6qzG/DJNl6"
    "kkDkanMiV+XznEOCc7mjQQhIhYBUCEiFgNQKQgoBqRCQWgnKBQJSj87CQkBqvQNS3SXPcC"
    "iiA4NX7VwO0F3SX6+RgqGoszlBlkkQSz3wSBCTpH60jZZz/tTU0NKzqU1FRfnaZveinbko"
    "8HSnngQ04+8tLsknqC/Y+gOoxyNSj6vhKOpgrsevwvTRth5mp4iD2cn2LztJ9zKc5EKAC1"
    "TUXotXGe7WZPB5OJ0x9sQm97rjMj5lNP7MeBjDumc8THc26/a+KFdfeLlt7LpYnSuruXR8"
    "poVpNumCWzGhKg9QZcKFyfelTv34LeiWuGQDC/LUhF8JMcknWFyXZR0TnFNMF9gwslmWiF"
    "xjYm1POh/er7Zt9kfejj296I5GAi6AmO4WiyYiBium0iuG/TRvsR0RHReFMoSVHmc4b/gx"
    "zhtStOPRmAeW2FlMPAQpn/N5hyDDNIQbgc+/Nx/noOiCyw8uP3tHwhyZ2wzTSrjSgzQdXM"
    "7OEPMCbsxvg8nw05DFKz0SW6e/WbsxP3WHPNjpDus80ul8NPYTDd4alp9lMIiT+k0JmwbR"
    "Us+KL1ONoVTn2DSJse1gRsSrHO30y5fubNq9ujpDT3PsOnTbvjGnF1M6wAuHx8dNx6MBj4"
    "5zgtit448MywupCw8Ec7abiEzjopj2UcPepUtRBuC1ROPg7RQKEuvkBIl1IEgMnLYjO22e"
    "e2t9DyuJiXy3WIN2rgvHmxby4FpdFJRB8zNwLzzHZZHV6hw51oJQw62NnmyWFthEuulnyq"
    "bfC0XS5gfphxDbUe9TW1DpH3Bj8n5UzJN76y4/kV7Fc6PbZ7oZ2uS1j4GfMskm9NsQp2Ae"
    "pN9b63h5k3xnZCpnqNmCpk1/D8I4Hgi/khO0/UPKnT3X738Uj/Zvnc7JyYfOm5P3H0/fff"
    "hw+vHNyrVNv8rzcc+Hn5mbG1MNm/3eXCsxQ3/vaBlWjTLfty2SnY1djG8dMrBXBtwlfjYs"
    "LMA3O5V1ROTw2ayPcySwl7zVMTVfdHLHhCrsWFZmgu92ue0YN9tawfU0SedGcL2tz1kyjd"
    "pASVqmGo589pH+j3WaX1p4f9KcTOGa71kKxOGIv9JHvz6lqnimK2Jr8kc7KQuH/JUeaey4"
    "CrFtUch+trkQl2ocM3daiJk7zWHmTtPM3MrX30KDJmVhTVV5TbHchMQR59DKuw4dlWrcmi"
    "rfBAeqG6juQ1LdV9hxnqijPCEOcWfWAzFbAr5b0KqdR3ovg/Ysuyyr68okit2dgiimavlL"
    "2WwuH1TpKxtxqXI2hOPCDDc2wLza3bxiB2hbjHFEDMznKo8v2HU/iF2XWNSSOVkiEpA/ZG"
    "P+EM8pJdNFwaQMFcO2aFKGyJQS57k4kuPhH7xMePAyRd3/9WnPQ9Csnet6+AKKHZEoXEGM"
    "5Sx85S3RE9ZdVt/+zrJ5jXs/3QK7bvwaXVoIq6rlmS4i3+lHOIizwn5UDMvPEGRH9MvZO1"
    "by+GhPH3NjhnHgrEcVm8gkj8QOAnV4fM+tpT3/5ITd/p0nllglk2gjTCWe+EOb8GJlrGuo"
    "V1ZB1+vYF0gq5HCVf3+ELCSjeVcCDQyi6ZwWcWhpq+xw3lNBHE3ADsmSBynBBiL+ttAxzd"
    "ucY5q36WOa6hc4rHN4umGpOCvbb+ZxMt4hu+92CPuk7f4x/lgA4Y+Z+H5M5+C9I7aNDZ6A"
    "S+7sKSHYvBCwPVzKA7oR6CigoxpDR1XlmNHA5gVZ3BLbmevLlsjRj7do5/r4tK2yWDWWyM"
    "rIJKmjG2arR7pDHV5214W5vTyDInphWsi2ns786y/sEfWZGYWkURR4By/FeRpL7FuYuTFk"
    "u/ysuZC28ZgeuLfUttSfcckGbpM1VaCCbTP49hHHlekdueKMawmoIAg51g8BKRw6QdL6Ch"
    "w7ySWth5O8Mk7ykntVCYj2Amv2KuiuZvtVUWgj+3SlDknp15o+6a46z0giF2/Q3ug0Obwt"
    "5JSr5abUznFIgNBpmD8CdbSOYj3zOq7yfl5SDKAFX+8AkFLdID9X40IwU8GFBhe6kv4euN"
    "DHdaFXm/rh/eiKKdii8CbNoIwicIItDCAuCHF89y4AMJQuLAJrZUsXXtmxH55mgKLv27kE"
    "UKRlwSPzX1h2x8iRNstkzaPVsYl4dq2fHDT5jgzdJM4ZbXinGwS9IKZqPy/pDGHn35ruPP"
    "iZH915OiFl2R9wYzpEtYmLbq3vL5HfD3kV/eV+8PwLh2CDpaz0s1za1tPL14gd4pvkibCk"
    "mNYT4lHyRRNVAtt1ULaLFX7zhzCN7ox8z4A3IdaA6NY8Mmvw6yzGY6Xy8K24rNH48nPYPJ"
    "mcL0GP0PWnyEYTx4QaAPoBArbpJ7qsdhiHSQLqpFzj0C7/voej/5sot88ukUmtFxeC5Hop"
    "GpUted+I2uZMQiAO19urExgF8cRw/HQW5teVMnCjIkCUwhkJcM8HRnc/3DNf1iWAOg77aS"
    "aoUe1XqTAj29I8zgMJ6CX/VTufWeKN9pDh7ff1enUM7x5uPRyVduFDkII12xsN2zfxmnan"
    "yDVX2irb6++krrqKiZXs6hIZnMoBSku0/nHnmX5BoFtPN1zddF6zj/3nEYiuvRSc0OKset"
    "ERSYjBwJQ+MA7BtjpXXPJd4GpmU78JsQbwYoemfvUFNR4Uz5bKjRITagDoB0ip7kMmWeom"
    "JtQ4nMvPqsrQokqGfgnVFZ0hnVuWQbCZEUObEk4gfkul9wX56slhVcr5eDyKqZTzYVJnXF"
    "+cD6jJw0eBNtJ91ybNcbChXVI/KMNpzLTSU3IQupgGN3rUrbDs+7otPb8z+4BpLjHNKZ6a"
    "os7pp0rCHxcEzCUwp+pBtzTF0Be6q/zlYdPVXcE+mn1dO0seVM0GsDX8LHN+KpQFkAUR/n"
    "TTY79ecKxGVGr1GRkx/hGxpBPqy70O5OsHcQ5+/UFveNEdvThtdxK6IrQS36XtbUdhpY0f"
    "BRDnqumY3AG1dEgo1lZJw1nxD3hWDAlzmjbqgriQVMKcWxubmtxxdlRkTwZB/Y5kIsqT/v"
    "B7y36WAzUhBbhC4MV+IIXAi8MGXoQLuwRce5GuaqUKiiKbUIIFrk7xvagEaM/DfhqJa3TH"
    "lr46FQkZxo+WrTNL71Ywnc8D6U9fJ8TAGeerAdyfgp5qaAtmYS6Ku3TJQkC5yADFw62GtJ"
    "+mIoU9TXfDbEfb4xQEQXVZb0GepVpSJvlgPWJbx6a745wKsPrmd9bUiWWTR5087QjVhHfS"
    "JIgOEKS4WoTZwYrRdboxaFGJ6QjIiFYrd6ONsoMVsSoO3soOolhLNDBgsfyLc35lMYEOzA"
    "6Pi4hAaFyMwysjNA6I9YZRrJAD8IA7STSGxrcM5DK9x4SAYQWGdT+QAsN6WIZ1ub4AtSOs"
    "katUtVIERXGNa0DITNX8zFQxpifbH49wQZvd8SgLtb+7hA8eXCU87lVCOgIpVHNuEvrNG+"
    "iXl3+3AW4RbtK5B/PIl7auEkUlQlY9x5WISUF2oXRoveNKoxoXAlBTXq/l6GLGNHuiRkQA"
    "0CSgEFh86NsfR+JtKuYHA3FTSUiBuGk+cVNTYHOYmwKZiaLRiLZbRlxSj/bT5LAk3Xykdq"
    "gwbFMGpmG0m0bjtHsI1wqrYvFbtYQL4gKLIkV3EvVBwQaxdw13m7KeuqyjJmG1Z9qYpfft"
    "8VCQlpg1jjRobyCNeargSFzJ5qIGPDwMWXcII7rz392hBVncEhvxTihckXoEPzko+Ajame"
    "qiF+T1/WteMYDFQrA+bnXbnb/kRQJihQ329SEQZVYtHvsuRK8ok70SaCCXXX6MGUuF8YgN"
    "TyoJfkyoccmQ9lJvwCRP8jjHhADnIjjbBDtyQalricYhfFII4ZMchE8ElTMgCBKCICEIEm"
    "qgVgHQHM4XynWWXa4TwsnqHk62sHr03y0xJxC8bG/gAxaWwsq87Td+jH0CBJAdvQSgjB0d"
    "tge3u4Db/aCL8h4wcAemt0jp0RjQoWyVgW5dDSa9weXsDC2JzWKCbsxPw18Hfdq7/t3PdS"
    "rtLr4v4i0mbeSIs/g+OQgZ/nim5shyxfcYilN5/RHZSHTTzxwsHTgmkIRgp3SQCLZdZwuv"
    "OyYIRf6qk8wt7WWT70uddrfFIMclYZSrPMpsV6N+l5SGjIgAlyLOeM/w4enrw2O/LfBNyQ"
    "PYQuJKU3jtdjnuKiIE2zvEMm+j6yFJMhxj7HKMAZHWEGldCZJ4c6R1kXBg7jSXEYpYP6Om"
    "UBSiTTSy4F3vnnNvYU1WvdWQ7TlWJGIMtqxzhziym04fEqO614xyv/ufyT6Hnyf+AWcQhz"
    "yD0HSH+wzSlGJaEFwOsIDBAo5VSC+4lqIiYAELb8XSXUn2TuxKBCCFG7EQblYPQMHxPfgV"
    "Y9/43hHUWHRTM4GNbimbgYXgyLKDIzOKLUtDWpSPqSmmUWNSlvjaJ1UxIXfUyJ7PrAci5C"
    "li79t5JIXtt1Rc1rTojUkUSCEu1UZcTWpojp050V4j/rEOu6lomQQ5dEK90k3kzLFNEKad"
    "LnTj+e+IlZWm7i6//NhKjNoePuLGtMkjldK4hP9vh1+r9FujFzahSwhpdIR5DjK4YFlFjo"
    "VPB4VNgzS42dGecalyQhGPC/Oekwb6a0JogV9fD/tilGNCCZA9T9deM9HabhYibP1QWp8g"
    "iVIf/IfGEa1QtFRF2f6qE1aFwqWCTWaLYY5LQlBcHUZ5m/u7ScmtdqOKje2+LyDoSxmM/d"
    "aNux9d/i7PXUbqYYhi47LhjUs1Dma4hg6nV+WcXi2pN2rK5h+NykA8L5wMwEX0CvKCUlyr"
    "v6RLwDTJ6tVLERQ+GohqwB0KSKtz3dBsIrDO5YqyNhHzvcbRUcg8M06Fxt+0NxDStE1BJv"
    "qXOXZZ6jy2bgyDaGiJdQ1x1h5ZT8RBuuusEuuhF4ztpdPLDZp5rqNrhHPAT5iKu2fs3yku"
    "eh8fcmP6f/gt7y3aCwMf0U+y6Me8/HuQJtAhrmsQ+gnItSJ90E/32wdPl/iZ2MBXV5Cvxo"
    "utIgKTYnCHWxQS6NlUv6uCtMk5eR8iMgd0XQfXkwN5r0V812zPNem3UsWyYLvxgmoTSyqx"
    "ZVqyyhkgtkS7/CwP2KEqXwbnlUDzeMQ9oav4ylVAxBBVX2AjB+eIaJKJ8WVfB33UD/ocqP"
    "uD3vCiO3px8rH9JnFTMRyFdynGi9ovrifY8opljVlLH1BJax6RVNKt/vXgDFG5G5O2mI1Y"
    "yhjfZKtI0pjgy1B7cOuRiPVQYSXT+qU7Gg1mZ4GJfGNedX8bTM5827gao+F+F9nYOWEL34"
    "VmdpVQ31a1dz4WAbfzMRtd9i6Rtdhy5RIWB+3hCKPIEUaoCLbI6ROThJPtKp9sw0HVD3hQ"
    "FS7QW3HEV/YtlqQcHFjB7SA4A6wfoJW4Z1l7HhjuWx32vhUcVZd9VL3e0A+Ha8W2/8JTNW"
    "n7lJA9feP9rLFJZhb9z75vZx1VFe/pctaOZ9qPOnlqCc+0+Zt2/pk2a7OXHPShDgzL20IW"
    "+mOe9lIc2MengJ0usGFkoruWatIx70nnw/sVvuyPPGinF93RKG2XuuS7gIeY0acZhGnQvg"
    "GMXh69MPh1FmMWQt7uxUX315cxdmE0vvwcNo/wfL3R+BwilIH4OYbfVzF7bw/5dSLF04tG"
    "fceEgKEAFg1YtHoACpwPcD6Vg1TuekLgOe4O6tW6p2biGt+mq5dlp2Km1c5EzrFrEE4I66"
    "MlZH34m3Y+68PaFLzJ0MPOnH3pNkt8Q2wbGwibGrq1TM9B1MPSdNf5e/APoiVuAzzNiYkI"
    "tk2i8UsAsesLpfYM1wuqRTg1vjIf1atfzru9r2dIDebxjTkZfBpMJt3R2WpG35jn48vr6Z"
    "k/q5NL4Eihl/ULgF0SUwuYSJkxuhpc9oeXn1n1RC5/Y/Ymg/5wxqJhQ73CRu3b+Ct7FKTA"
    "qMYo1e5+DuTrBj4R+MTqGr1AfFUeUiC+gPiqgNsLxNdxiS9gZ+rNzkwJttX5yLpvCQia9c"
    "t2Hkfj8GaKEbTbSNMMHon9TF1RF1MR5EujJ92d8yQQ1JCiQ4R4LR/04t/Etl4Fj/yWLFeE"
    "qRqeRrSXaaKm5L6BqqkWVUN/oi2VqmAlUGWCpji8MUe+U+iGWifnhlonfUPNsFRsSN0AXE"
    "s0EOMiNyyz71emblf62ka6lHJSrEkhbkCWAFkC5X0rtI4O79lXzKgHz74KLlOVPfuKTdhd"
    "PfvjO6GOQ3/yhKjUT/Z/qMAXTbRp57ukvLVih80LRhCMTYLUuWc+sKo42ES2/URuUdAbWv"
    "WW9jtlBIV3UMJv7A8P70rh02m32yjn+v2P4nT+rdM5OfnQeXPy/uPpuw8fTj++WSnu9Ks8"
    "DX4+/MyUeMyk2eyaxgewqPMUl9qXA9WkqjrRpVHcRElIgQMlMPzIo/gA/+fp+FKM6loi6T"
    "Tpqov+gwzd2RuwrX/ceSYvMoZuPd1wddN5zT7vn6397rIiLBlCMYcpdZkoeW+oHfeEWAdw"
    "mQj82aP4s5utWXBnwZ2tijtbrdkK3ix4s0lv1rDciceRTXux4bt2rvdKWyk2bVa4luwTIQ"
    "/GM2IyPPKc9YCCYbds5Hq2yY42WVw63fH5a+cMUdPpTyap4ec/0Ys36P+iC8ukf7xsp/zb"
    "8j/ixryzrQX6k05i2/2Thcz/SUztT79ILe+j7XfCPOo/fYdCWeim5xLnT/9I908VL7Gqu7"
    "TrpYFV4sCZbQXPbIPhTyObn9AhItYkb62MjA58yUixDKFAA09oTwsQDKeZ/MJpkl4gWXdB"
    "Mjzg6l//qAaucQUuoWbTgk1SB+WdfgdboQwnFhEBTCGiABiY1pEYmKqNbrMYg4qhWx5lcC"
    "T/lhVVG5qPuouDn552cxNN2rneLmus6KvWhZ1eyySvfF+TTptXuokM3XxAd9QZxSYii6Vh"
    "PbNCc8R2LJN5otR7ZY6ry8oQ/uSgOXbmSHfQA1m6f0eeE17ajLu95X/IjamzeGPq2P7pOX"
    "yPoJ4xK1jXRk9zizwSG6mGrj446E63Hfdlm181pzLk+1K3wcmtpJPLx1thoy3jPcSlynEi"
    "jgvzng9/gyWwhUUWlzyMRXYM2rTqJliISa4NFuhF2TGOiEGBlCqPLzhWP6BjFQ6dbIGUlB"
    "wcysIN90YGDjQQUKABmhw5UFNIpW64r7efw+Fasc2qKK6pnbpacRmMZxrp5kOP/t3KYq1W"
    "DdqbOStGBVFUtOJxGis2iUkhd45dzic5CCPeJVqQxS2xf3LQjOJ2b+MFwiq/9nmG/g8/xe"
    "XtX/XG/UH6EsIe+geeqVo8ExtXaZopJgQsE7BMO28FVfdHgWWC8QWWKVuBAsuUNeTAMqWs"
    "EaBEDkWJgPcO3jt47xneu6U+dA1iuy2h6756287322k7BbOGhX121aNSC2Ij7Dz4uf1vWX"
    "yHofmJ/bGJLM99Zd294p2jR2zr2HRZ0Af75Ug3ufNN59rfWWSIwGkv9wNuTLqZ8obc/b9l"
    "n+Ow8BHe2I87MS1Xp7j7sScsusQhpubwwJUFcRw6Am3EIlKy0xWEmir4MuyfPp8LtTOPSg"
    "+AyfvjmbyR1Sw76glR8Ger7M/CGS84NFUHNLAH5DCNCwGscHQOR+cVhVTK+Y44BzuCGlRF"
    "/LbusJnwxjVhtW59MFUhdr3tjaflll3wjDwbUTiJrpar6RjevcwhdNgezp83nj/z/0tAG7"
    "Zv4C30veS4j36zFMzZ2e4SYtVIecc+tjEp75YUUKmZvxI4YIHHfYEdn/gnnQLz/qSTOe3Z"
    "q0SVRk2j0DuKS75LJQ9JyjUO6tNCOuY0R8ecCupoiMi4T4aFs9JcCBm4OybQKNatP74+Hw"
    "3Q1WTQG06HgQ5Z0Wz8JT9M+MvQfbt3MuiOktiaAssjD1tTZHkAtiJsGc37b0ktHJU5oHa4"
    "nvUOoyDKt/CCL6zIV9tJSx4QcWIeBvCSq+6onm0TU5UqHBWVOeScnvYPZF8UMS+yrYt0eq"
    "d7bCj4XjCX89O8xQQPl4Xo7cd9oVxemjdrSUz6Ucrc8myptNwpQXBVSndVVMNiccDsZFRq"
    "bJJy1RiaZiVOx86ckZ7K7VIm0VxSDMrRJxWSTe6IbVN1bRNOKKviegGZCGfKA9RJqEMzz6"
    "V7NsMgjXKfqDrdWfOtxKh4UtP48q+DfuoGeJ4bRN0fuqO+OG379Mja3wmVy7uUu+4X6HXI"
    "XxLTOSYDUzg5hZf2+nvQFf+ok6ct0n9u6OWAFuO7d3VBnqJHleuc9q8wm5+nE5dHfkMvB0"
    "S+UxfgdUfB1LJ6FKjrc8syCDYzzhyjcglgb6ngvpAND80Oq5/Px+NRzOg7HyaqbV1eX5wP"
    "Ji/eJtQ3ZGiFeFfahbfUthz0uGQDr+fWdNQF4a/826dC4LJjXyLnXOx2B6v8qC91sYNyHv"
    "Tw6euEGDjjPDcIb+GXSiZhZzWcElmhR7EldYtN+qN2hOqcd9JYiJj541+O2RUny73wO2os"
    "VjY2tV1RYn00FSAVL5ZYvzd3xKgXdNNcmOxd9XcvqHzSTHicuaLZlojmlMPImfdpN83FyS"
    "X3lq3vqrh7fj/PjcVpTtQHy2OHy4IACymkgp5GfkeNBMtgBqGSVTRXCi3e1eCxmIFZzXiU"
    "DWDZz0tq2muEOgX6znDxzvp+X02dXksD72wdBPfKr2hXTYWJhR3tCFOfGPojsZ//FUQwNR"
    "EmzWY/cVegeCfNhkhx5vrdrgrKB2rKemoqWkHlk13X3iDopqkw3eFHancKz11kYPoUdNNU"
    "mHST2T6BZb09TMNoN43GaXcLfYVVg010fkC/49Ibsz4aDVApLgyHqagHU2Os5rqzu57iYE"
    "1d7HrOl3V/TQSNeTGKn3N6xwnGnJgLv6O53limiuPlPOmuOt/VZmCATXlPDdbw0eigXfGK"
    "dNVcuHgahZ2R4r00HCQFe5peAhUaoNVlvTV4JQaZK8qZWqXm+ageVnSGLax14Yid4FpYYb"
    "WK5iJlE40sytHxtLvJqremomaTO2/n8/cJ76S5ELFI4p0hYp00FyKGw84QsZZNhcgh2Fbn"
    "u9sIU95Pg60Dm6jUf2aZiHcFynFog0nYXUOPS3msve0Zu9oHU9rPxDMaax4IS8fvAFe6bH"
    "0zUYsnQd8FsGja9UZiRVfQjiDN9AVhC7GpED2Sua7urKq++b00FaQnbBhk15n0C++k2RAp"
    "tIHpYLUEde7DNVv31yTk2E2IfeX6XGksQbrPqDbLzvjJrs8oK91ZbtbP39fpj3nFSl5tL1"
    "l2QtioHb1pxyUgXejB0oVGR0HmzlZMsIFXtup7RYs/ikcFmdpWVTPXYjDAlR5gFS+xqruC"
    "8++ctCprkcPdGa+8poxyIw6xH4nMphMVgcQTcAt/G91T4i18KEwDBT+O4gW1pQt+FLlAfs"
    "iwwbqw0/t0N3nFFIGrGVZSyXYzWTUSqCtRP03XznEUbSsrIe7A9BYpPRe3i6yDp8QNi3e2"
    "5OBu9a6ns/HFYHK2Kv95Y3b7F8PLM4S1hW7emBfdy+5n1sBfOPR9fzi96s56X9hDTXeWmI"
    "UJsueT4Tf+bHVBRzYb7Nv3OWMWZk17m/Q81vlg2atEHul7oUFwrt9nrpCVSCmlt6uwSP7W"
    "6ZycfOi8OXn/8fTdhw+nH9+sVkv6Vd6yOR9+Zisnhn7aDqMAMo0oWz4kIbbV4qnYPrbv/N"
    "0HLlRRrbm95zoVHCqFKjJemVTSh0sLH9CRWz2prSdHFlg3ZOb1SqBp87pzWkRp0FbZhYdO"
    "U2qDo7Xt1E4Lw9SWmNpL7DhP1LVT5tiZS6nupGDzNsi3hSrgvM2pgPM2XQHn3rLuDaI43q"
    "0M2nGppmmVH7FW3IGqOO2lUpx8fRaoy1K8Lgs71FOsO+VWt12BSmaHhmKQU4J5x4b1U845"
    "KLNTwGRdt/utreWkKBgUEgbFqpqBGlzAKaoiUoKNK4laPp0EZ3oHnt0meXIUa+kqlieI58"
    "jFPCkKWkUCd5Zm9pYaEQ9bJbhOS5cQUFOf3bF28TSJijhbjXlWHzDyVR55Azv8crlubjHk"
    "KWEY6yqPNVSpyDQb61mvAKpU/IijLljr4gQ+UnEhEYlSzr2PPbZ7qTlIV8PtsxyuaUGAd2"
    "OcYQS0NNTS0YZhAFe9IC4abJieYLGQQ/o10OX1aNRK6YcSkJVM7VxThCOqMQPaIuGcVHlT"
    "/e7sekG163dTw+220O3LVUUSZYFFdOaeypLUZGYmoIKqJLnwOHNWfovowksteypMUsuJFN"
    "bbcFyycw0XqYobtUQLCm5AwY19Z7Rf7D65IKc95LQ/i+ZqV+fY3LlooGS+9jrqLE5o7wjT"
    "iPXRXIggo301M9rXdi4ppWTa2SqhfR0xYxfvXcW1HsjOqWiDqOIJ63HGOmzqkozWAJjru/"
    "o5P1AdgMBuKIGQka0FUMelCaUTtktzX4p1Kp/kvpZTzLbudIOUuTD9Hnu8wx8DtcMCVtel"
    "CVnvt7DN7qh5Ni/FOpv4fTXaLqN2p2sQTTlstYA6ajCop1AAIqinAPUUyqmnsHPWe4lqCv"
    "VUR1BMQY6ID8sDKE5A5+0AmnSNgDpiBoUVtjrA0M0Hv6yXEgRulwDbiHZasMRXHWfaGrPD"
    "YlXLCQaVO6SMdn4takegmhXDGkMIalIIIWIxpYVTXUaSGayS74nBHJtkZtH/bIa0v+qpIZ"
    "OO4SeRDzQsBSNICRqpEpOdFTRakAYSgx5s+PedGJQXhllatsCAL5YdNNbB4bKzyEPe+jQe"
    "z2hXluXemOfDr4MzdKs/kBuz12X5QvFWKT5Lzt2yNILUKoXTaIUCjcs8VH4KxOjXkoA4Id"
    "Y4oPeS4mmOqbfG0lmI9u68NBdxQUhyIZHkArK5QIWGOponOTcnoUJDoSt95VRo8H2tHT3X"
    "RrpZ+6rRELj5ApdsTQBke2QRpqHsWoBewM/46y9ZBhA8tEN6aLfYYMpNUcXR15n4puSgpl"
    "VyA4dsItlQNzebCJht5S8kul/IIRqRAEDBDj6UHZyctCVgWvAsq6aQRtbp9p6FC9XHq+Fq"
    "RIHL9DoS6G5yQFK15eF0qFbbTjvH93jQTQGsxQ6GQtlKnwnNxlfXV3TMrKW3vDGvur9dDC"
    "5nZ2iJec4CdjY0/XLe7X1lB0TOnC3FG3My+HR92T9DfgAzKzD38/V05gti7X88xw1kJ79d"
    "zcZKf3A1ng7pu3j2CN7PYDLpjnhPPKpimxOo8rOC44Xlma60v5kUg7LUokTUgVOO71y6r2"
    "7r0iekAemsFIckUExFz/piQo076XvbKXJcTVtlK4tO6sga0vA2jEIpkobXz3IgZXJFRSBn"
    "KBwmHgDSwD+RwjQmA6ACM3UMZuppdfq3I6plxhFXEdbYat2MqxUmadoR1qLJniq2ZRVFNb"
    "pVS6cI3ieJ1SW2rs5bAuYqeNPOo6vwug0wVHXafto5DBWLWJEM6IyIVJmb2jac8/S0SDjn"
    "6WlOieXTFCW0XMogHDRvILp7qelLP9EVXqH9eTq+zPCd1yJJx1lXXfQfZOhOHVmgHHAZGD"
    "H3OMT0xUX31yTcvdH4POn3sg7ORdbsITez//5/Ajg84A=="
)
