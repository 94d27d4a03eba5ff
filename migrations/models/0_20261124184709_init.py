from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "otp_codes" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "phone" VARCHAR(32) NOT NULL,
    "purpose" VARCHAR(16) NOT NULL,
    "code_hash" VARCHAR(64) NOT NULL,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "attempts" SMALLINT NOT NULL,
    "sent_at" TIMESTAMPTZ NOT NULL,
    "consumed_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    CONSTRAINT "uid_otp_codes_phone_b04dd8" UNIQUE ("phone", "purpose")
);
CREATE INDEX IF NOT EXISTS "idx_otp_codes_created_ea0e93" ON "otp_codes" ("created_at");
COMMENT ON COLUMN "otp_codes"."purpose" IS 'REGISTER: register\nLOGIN: login\nATTACH_PHONE: attach_phone';
COMMENT ON TABLE "otp_codes" IS 'The one active code per phone and purpose, stored hashed.';
CREATE TABLE IF NOT EXISTS "otp_log" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "phone" VARCHAR(32) NOT NULL,
    "purpose" VARCHAR(16) NOT NULL,
    "event" VARCHAR(16) NOT NULL,
    "channel" VARCHAR(16),
    "provider" VARCHAR(64) NOT NULL,
    "detail" VARCHAR(200) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_otp_log_phone_ff1005" ON "otp_log" ("phone");
CREATE INDEX IF NOT EXISTS "idx_otp_log_created_4468e9" ON "otp_log" ("created_at");
COMMENT ON COLUMN "otp_log"."purpose" IS 'REGISTER: register\nLOGIN: login\nATTACH_PHONE: attach_phone';
COMMENT ON COLUMN "otp_log"."event" IS 'SENT: sent\nVERIFIED: verified\nFAILED: failed\nBLOCKED: blocked\nDELIVERY_FAILED: delivery_failed';
COMMENT ON COLUMN "otp_log"."channel" IS 'WHATSAPP: whatsapp\nSMS: sms\nCONSOLE: console';
CREATE TABLE IF NOT EXISTS "outbox" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "channel" VARCHAR(64) NOT NULL,
    "kind" VARCHAR(64) NOT NULL,
    "payload" JSONB NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "attempts" INT NOT NULL,
    "next_attempt_at" TIMESTAMPTZ NOT NULL,
    "locked_until" TIMESTAMPTZ,
    "last_error" VARCHAR(500) NOT NULL,
    "delivered_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_outbox_created_5f1170" ON "outbox" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_outbox_status_a060ae" ON "outbox" ("status", "next_attempt_at");
COMMENT ON COLUMN "outbox"."status" IS 'PENDING: pending\nDONE: done\nFAILED: failed';
COMMENT ON TABLE "outbox" IS 'A message that must reach someone, written in the same transaction as the change';
CREATE TABLE IF NOT EXISTS "stores" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "slug" VARCHAR(64) NOT NULL UNIQUE,
    "name" VARCHAR(200) NOT NULL,
    "description" JSONB NOT NULL,
    "phone" VARCHAR(32) NOT NULL,
    "address_text" VARCHAR(500) NOT NULL,
    "lat" DOUBLE PRECISION,
    "lng" DOUBLE PRECISION,
    "timezone" VARCHAR(64) NOT NULL,
    "default_locale" VARCHAR(8) NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "legal_age" SMALLINT NOT NULL,
    "opening_hours" JSONB NOT NULL,
    "cashback_bps" INT NOT NULL,
    "order_seq" INT NOT NULL,
    "is_active" BOOL NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_stores_created_536ad1" ON "stores" ("created_at");
CREATE TABLE IF NOT EXISTS "alert_recipients" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(100) NOT NULL,
    "pushover_user_key" VARCHAR(512) NOT NULL,
    "kinds" JSONB NOT NULL,
    "is_active" BOOL NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "store_id" INT NOT NULL REFERENCES "stores" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_alert_recip_created_d54ecd" ON "alert_recipients" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_alert_recip_store_i_47ad7d" ON "alert_recipients" ("store_id");
COMMENT ON TABLE "alert_recipients" IS 'Who gets Pushover alerts for a store, and for which alert kinds.';
CREATE TABLE IF NOT EXISTS "banners" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "title" JSONB NOT NULL,
    "image_url" VARCHAR(500) NOT NULL,
    "link" VARCHAR(500) NOT NULL,
    "position" INT NOT NULL,
    "starts_at" TIMESTAMPTZ,
    "ends_at" TIMESTAMPTZ,
    "is_active" BOOL NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "store_id" INT NOT NULL REFERENCES "stores" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_banners_created_7438d4" ON "banners" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_banners_store_i_6fdf1a" ON "banners" ("store_id");
CREATE TABLE IF NOT EXISTS "brands" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "slug" VARCHAR(64) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "store_id" INT NOT NULL REFERENCES "stores" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_brands_store_i_a07bb8" UNIQUE ("store_id", "slug")
);
CREATE INDEX IF NOT EXISTS "idx_brands_store_i_a3544d" ON "brands" ("store_id");
CREATE TABLE IF NOT EXISTS "campaigns" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "message" JSONB NOT NULL,
    "audience" JSONB NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "scheduled_at" TIMESTAMPTZ,
    "sent_at" TIMESTAMPTZ,
    "stats" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "store_id" INT NOT NULL REFERENCES "stores" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_campaigns_created_c6231d" ON "campaigns" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_campaigns_store_i_6bebe2" ON "campaigns" ("store_id");
COMMENT ON COLUMN "campaigns"."status" IS 'DRAFT: draft\nSCHEDULED: scheduled\nSENDING: sending\nSENT: sent\nCANCELLED: cancelled';
COMMENT ON TABLE "campaigns" IS 'A broadcast to a store''s customers through the customer bot.';
CREATE TABLE IF NOT EXISTS "categories" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "slug" VARCHAR(64) NOT NULL,
    "name" JSONB NOT NULL,
    "position" INT NOT NULL,
    "is_active" BOOL NOT NULL,
    "parent_id" INT REFERENCES "categories" ("id") ON DELETE SET NULL,
    "store_id" INT NOT NULL REFERENCES "stores" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_categories_store_i_47b446" UNIQUE ("store_id", "slug")
);
CREATE INDEX IF NOT EXISTS "idx_categories_store_i_7cdfa6" ON "categories" ("store_id");
CREATE TABLE IF NOT EXISTS "customer_plans" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "code" VARCHAR(32) NOT NULL,
    "name" JSONB NOT NULL,
    "cashback_bps" INT NOT NULL,
    "delivery_discount_percent" SMALLINT NOT NULL,
    "monthly_price_cents" INT NOT NULL,
    "is_active" BOOL NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "store_id" INT NOT NULL REFERENCES "stores" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_customer_pl_store_i_c5e78a" UNIQUE ("store_id", "code")
);
CREATE INDEX IF NOT EXISTS "idx_customer_pl_created_980d06" ON "customer_plans" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_customer_pl_store_i_1cfcf1" ON "customer_plans" ("store_id");
COMMENT ON TABLE "customer_plans" IS 'A loyalty tier: cashback and delivery-fee discount for its members.';
CREATE TABLE IF NOT EXISTS "delivery_zones" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(100) NOT NULL,
    "polygon" JSONB NOT NULL,
    "fee_cents" INT NOT NULL,
    "min_order_cents" INT NOT NULL,
    "priority" INT NOT NULL,
    "is_active" BOOL NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "store_id" INT NOT NULL REFERENCES "stores" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_delivery_zo_created_761313" ON "delivery_zones" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_delivery_zo_store_i_1a1801" ON "delivery_zones" ("store_id");
CREATE TABLE IF NOT EXISTS "products" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "slug" VARCHAR(128) NOT NULL,
    "name" JSONB NOT NULL,
    "description" JSONB NOT NULL,
    "search_text" TEXT NOT NULL,
    "image_url" VARCHAR(500) NOT NULL,
    "age_restricted" BOOL NOT NULL,
    "max_per_order" INT,
    "is_active" BOOL NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "brand_id" INT REFERENCES "brands" ("id") ON DELETE SET NULL,
    "category_id" INT REFERENCES "categories" ("id") ON DELETE SET NULL,
    "store_id" INT NOT NULL REFERENCES "stores" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_products_store_i_b3d490" UNIQUE ("store_id", "slug")
);
CREATE INDEX IF NOT EXISTS "idx_products_created_dc6dec" ON "products" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_products_brand_i_1a14e5" ON "products" ("brand_id");
CREATE INDEX IF NOT EXISTS "idx_products_categor_1b2536" ON "products" ("category_id");
CREATE INDEX IF NOT EXISTS "idx_products_store_i_01adea" ON "products" ("store_id");
CREATE TABLE IF NOT EXISTS "product_variants" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "sku" VARCHAR(64) NOT NULL,
    "name" JSONB NOT NULL,
    "price_cents" INT NOT NULL,
    "cost_cents" INT NOT NULL,
    "position" INT NOT NULL,
    "is_active" BOOL NOT NULL,
    "product_id" INT NOT NULL REFERENCES "products" ("id") ON DELETE CASCADE,
    "store_id" INT NOT NULL REFERENCES "stores" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_product_var_store_i_196ef8" UNIQUE ("store_id", "sku")
);
CREATE INDEX IF NOT EXISTS "idx_product_var_product_e98e9d" ON "product_variants" ("product_id");
CREATE INDEX IF NOT EXISTS "idx_product_var_store_i_bb88ee" ON "product_variants" ("store_id");
CREATE TABLE IF NOT EXISTS "inventory" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "quantity" INT NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "store_id" INT NOT NULL REFERENCES "stores" ("id") ON DELETE CASCADE,
    "variant_id" INT NOT NULL REFERENCES "product_variants" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_inventory_store_i_7e64bc" UNIQUE ("store_id", "variant_id")
);
CREATE INDEX IF NOT EXISTS "idx_inventory_store_i_a00632" ON "inventory" ("store_id");
CREATE INDEX IF NOT EXISTS "idx_inventory_variant_a1e85c" ON "inventory" ("variant_id");
COMMENT ON TABLE "inventory" IS 'Units of one variant on hand in one store. Deducted with a conditional update.';
CREATE TABLE IF NOT EXISTS "promo_codes" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "code" VARCHAR(32) NOT NULL,
    "kind" VARCHAR(16) NOT NULL,
    "value" INT NOT NULL,
    "min_order_cents" INT NOT NULL,
    "starts_at" TIMESTAMPTZ,
    "expires_at" TIMESTAMPTZ,
    "max_uses" INT,
    "max_uses_per_customer" INT,
    "used_count" INT NOT NULL,
    "is_active" BOOL NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "store_id" INT NOT NULL REFERENCES "stores" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_promo_codes_store_i_689f4c" UNIQUE ("store_id", "code")
);
CREATE INDEX IF NOT EXISTS "idx_promo_codes_created_4f5c86" ON "promo_codes" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_promo_codes_store_i_7fc754" ON "promo_codes" ("store_id");
COMMENT ON COLUMN "promo_codes"."kind" IS 'PERCENT: percent\nFIXED: fixed';
CREATE TABLE IF NOT EXISTS "time_slots" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "starts_at" TIMESTAMPTZ NOT NULL,
    "ends_at" TIMESTAMPTZ NOT NULL,
    "capacity" INT NOT NULL,
    "reserved" INT NOT NULL,
    "is_active" BOOL NOT NULL,
    "store_id" INT NOT NULL REFERENCES "stores" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_time_slots_store_i_df83b7" UNIQUE ("store_id", "starts_at")
);
CREATE INDEX IF NOT EXISTS "idx_time_slots_store_i_7db4e6" ON "time_slots" ("store_id");
CREATE INDEX IF NOT EXISTS "idx_time_slots_store_i_1b2a76" ON "time_slots" ("store_id", "starts_at", "is_active");
CREATE TABLE IF NOT EXISTS "users" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "role" VARCHAR(16) NOT NULL,
    "tg_id" BIGINT UNIQUE,
    "tg_username" VARCHAR(64),
    "phone" VARCHAR(32) UNIQUE,
    "phone_verified" BOOL NOT NULL,
    "email" VARCHAR(254) UNIQUE,
    "email_verified" BOOL NOT NULL,
    "password_hash" VARCHAR(100),
    "google_sub" VARCHAR(64) UNIQUE,
    "name" VARCHAR(200) NOT NULL,
    "locale" VARCHAR(8) NOT NULL,
    "date_of_birth" DATE,
    "age_verified" BOOL NOT NULL,
    "referral_code" VARCHAR(16) NOT NULL UNIQUE,
    "is_active" BOOL NOT NULL,
    "last_login_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "plan_id" INT REFERENCES "customer_plans" ("id") ON DELETE SET NULL,
    "referred_by_id" INT REFERENCES "users" ("id") ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS "idx_users_created_43d91f" ON "users" ("created_at");
COMMENT ON COLUMN "users"."role" IS 'CUSTOMER: customer\nADMIN: admin\nMANAGER: manager\nDISPATCHER: dispatcher\nDRIVER: driver';
CREATE TABLE IF NOT EXISTS "addresses" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "label" VARCHAR(64) NOT NULL,
    "text" VARCHAR(500) NOT NULL,
    "details" VARCHAR(200) NOT NULL,
    "lat" DOUBLE PRECISION,
    "lng" DOUBLE PRECISION,
    "created_at" TIMESTAMPTZ NOT NULL,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_addresses_created_7e0938" ON "addresses" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_addresses_user_id_ce8d65" ON "addresses" ("user_id");
CREATE TABLE IF NOT EXISTS "carts" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "store_id" INT NOT NULL REFERENCES "stores" ("id") ON DELETE CASCADE,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_carts_user_id_996f26" UNIQUE ("user_id", "store_id")
);
CREATE INDEX IF NOT EXISTS "idx_carts_store_i_6634af" ON "carts" ("store_id");
CREATE INDEX IF NOT EXISTS "idx_carts_user_id_599569" ON "carts" ("user_id");
COMMENT ON TABLE "carts" IS 'A customer''s server-side cart in one store. Prices are never stored: always current.';
CREATE TABLE IF NOT EXISTS "cart_items" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "quantity" INT NOT NULL,
    "cart_id" INT NOT NULL REFERENCES "carts" ("id") ON DELETE CASCADE,
    "variant_id" INT NOT NULL REFERENCES "product_variants" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_cart_items_cart_id_464671" UNIQUE ("cart_id", "variant_id")
);
CREATE INDEX IF NOT EXISTS "idx_cart_items_cart_id_c43372" ON "cart_items" ("cart_id");
CREATE TABLE IF NOT EXISTS "client_events" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "session_id" VARCHAR(64) NOT NULL,
    "name" VARCHAR(64) NOT NULL,
    "props" JSONB NOT NULL,
    "url" VARCHAR(500) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "store_id" INT REFERENCES "stores" ("id") ON DELETE CASCADE,
    "user_id" INT REFERENCES "users" ("id") ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS "idx_client_even_session_bc2eeb" ON "client_events" ("session_id");
CREATE INDEX IF NOT EXISTS "idx_client_even_created_a1b501" ON "client_events" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_client_even_store_i_7bc9bc" ON "client_events" ("store_id");
COMMENT ON TABLE "client_events" IS 'A product-analytics event sent by a page or mini-app.';
CREATE TABLE IF NOT EXISTS "employees" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "role" VARCHAR(16) NOT NULL,
    "is_active" BOOL NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "store_id" INT NOT NULL REFERENCES "stores" ("id") ON DELETE CASCADE,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_employees_user_id_68aa0b" UNIQUE ("user_id", "store_id")
);
CREATE INDEX IF NOT EXISTS "idx_employees_created_fdd4c9" ON "employees" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_employees_store_i_420dcf" ON "employees" ("store_id");
CREATE INDEX IF NOT EXISTS "idx_employees_user_id_05f44f" ON "employees" ("user_id");
COMMENT ON COLUMN "employees"."role" IS 'CUSTOMER: customer\nADMIN: admin\nMANAGER: manager\nDISPATCHER: dispatcher\nDRIVER: driver';
COMMENT ON TABLE "employees" IS 'A staff member''s role in one store (a person may work for several stores).';
CREATE TABLE IF NOT EXISTS "favorites" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "product_id" INT NOT NULL REFERENCES "products" ("id") ON DELETE CASCADE,
    "store_id" INT NOT NULL REFERENCES "stores" ("id") ON DELETE CASCADE,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_favorites_user_id_2aaac6" UNIQUE ("user_id", "product_id")
);
CREATE INDEX IF NOT EXISTS "idx_favorites_created_de8bc4" ON "favorites" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_favorites_store_i_6fceee" ON "favorites" ("store_id");
CREATE INDEX IF NOT EXISTS "idx_favorites_user_id_8e4c6c" ON "favorites" ("user_id");
CREATE TABLE IF NOT EXISTS "login_log" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "identifier" VARCHAR(254) NOT NULL,
    "method" VARCHAR(32) NOT NULL,
    "success" BOOL NOT NULL,
    "reason" VARCHAR(64) NOT NULL,
    "ip" VARCHAR(64) NOT NULL,
    "user_agent" VARCHAR(300) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "user_id" INT REFERENCES "users" ("id") ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS "idx_login_log_created_d3cd5e" ON "login_log" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_login_log_user_id_d60d86" ON "login_log" ("user_id");
CREATE TABLE IF NOT EXISTS "password_reset_tokens" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "used_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_password_re_created_bab326" ON "password_reset_tokens" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_password_re_user_id_4c2a01" ON "password_reset_tokens" ("user_id");
CREATE TABLE IF NOT EXISTS "plan_switch_log" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "actor_id" INT REFERENCES "users" ("id") ON DELETE SET NULL,
    "from_plan_id" INT REFERENCES "customer_plans" ("id") ON DELETE SET NULL,
    "store_id" INT NOT NULL REFERENCES "stores" ("id") ON DELETE CASCADE,
    "to_plan_id" INT REFERENCES "customer_plans" ("id") ON DELETE SET NULL,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_plan_switch_created_956dee" ON "plan_switch_log" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_plan_switch_store_i_cf7748" ON "plan_switch_log" ("store_id");
CREATE INDEX IF NOT EXISTS "idx_plan_switch_user_id_7ea9d2" ON "plan_switch_log" ("user_id");
CREATE TABLE IF NOT EXISTS "product_audit_log" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "action" VARCHAR(32) NOT NULL,
    "changes" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "actor_id" INT REFERENCES "users" ("id") ON DELETE SET NULL,
    "product_id" INT REFERENCES "products" ("id") ON DELETE SET NULL,
    "store_id" INT NOT NULL REFERENCES "stores" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_product_aud_created_e48975" ON "product_audit_log" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_product_aud_product_d66a09" ON "product_audit_log" ("product_id");
CREATE INDEX IF NOT EXISTS "idx_product_aud_store_i_c89345" ON "product_audit_log" ("store_id");
CREATE TABLE IF NOT EXISTS "refresh_tokens" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "family_id" UUID NOT NULL,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "revoked_at" TIMESTAMPTZ,
    "revoked_reason" VARCHAR(32),
    "ip" VARCHAR(64) NOT NULL,
    "user_agent" VARCHAR(300) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "parent_id" INT REFERENCES "refresh_tokens" ("id") ON DELETE SET NULL,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_refresh_tok_family__59d0e5" ON "refresh_tokens" ("family_id");
CREATE INDEX IF NOT EXISTS "idx_refresh_tok_created_b93602" ON "refresh_tokens" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_refresh_tok_user_id_9ddaa8" ON "refresh_tokens" ("user_id");
COMMENT ON TABLE "refresh_tokens" IS 'A refresh token, stored hashed. Tokens of one sign-in share a family; presenting a';
CREATE TABLE IF NOT EXISTS "search_log" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "query" VARCHAR(200) NOT NULL,
    "locale" VARCHAR(8) NOT NULL,
    "result_count" INT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "store_id" INT NOT NULL REFERENCES "stores" ("id") ON DELETE CASCADE,
    "user_id" INT REFERENCES "users" ("id") ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS "idx_search_log_created_65aba4" ON "search_log" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_search_log_store_i_28d2c5" ON "search_log" ("store_id");
COMMENT ON TABLE "search_log" IS 'Every catalog search with its result count (zero-result searches included).';
CREATE TABLE IF NOT EXISTS "session_recordings" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "session_id" VARCHAR(64) NOT NULL,
    "chunk_index" INT NOT NULL,
    "events" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "store_id" INT REFERENCES "stores" ("id") ON DELETE CASCADE,
    "user_id" INT REFERENCES "users" ("id") ON DELETE SET NULL,
    CONSTRAINT "uid_session_rec_session_a932d7" UNIQUE ("session_id", "chunk_index")
);
CREATE INDEX IF NOT EXISTS "idx_session_rec_session_4ef1ad" ON "session_recordings" ("session_id");
CREATE INDEX IF NOT EXISTS "idx_session_rec_created_b2012d" ON "session_recordings" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_session_rec_store_i_2e51d4" ON "session_recordings" ("store_id");
COMMENT ON TABLE "session_recordings" IS 'One chunk of an rrweb session recording.';
CREATE TABLE IF NOT EXISTS "vehicles" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "transport" VARCHAR(8) NOT NULL,
    "plate" VARCHAR(32) NOT NULL,
    "description" VARCHAR(200) NOT NULL,
    "is_active" BOOL NOT NULL,
    "store_id" INT NOT NULL REFERENCES "stores" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_vehicles_store_i_34cc40" ON "vehicles" ("store_id");
COMMENT ON COLUMN "vehicles"."transport" IS 'FOOT: foot\nBIKE: bike\nCAR: car';
CREATE TABLE IF NOT EXISTS "drivers" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "transport" VARCHAR(8) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "last_lat" DOUBLE PRECISION,
    "last_lng" DOUBLE PRECISION,
    "last_location_at" TIMESTAMPTZ,
    "pushover_user_key" VARCHAR(512) NOT NULL,
    "is_active" BOOL NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "store_id" INT NOT NULL REFERENCES "stores" ("id") ON DELETE CASCADE,
    "vehicle_id" INT REFERENCES "vehicles" ("id") ON DELETE SET NULL,
    "user_id" INT NOT NULL UNIQUE REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_drivers_created_6299f7" ON "drivers" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_drivers_store_i_cb9960" ON "drivers" ("store_id");
CREATE INDEX IF NOT EXISTS "idx_drivers_store_i_9237e8" ON "drivers" ("store_id", "status");
COMMENT ON COLUMN "drivers"."transport" IS 'FOOT: foot\nBIKE: bike\nCAR: car';
COMMENT ON COLUMN "drivers"."status" IS 'OFFLINE: offline\nAVAILABLE: available\nBUSY: busy';
CREATE TABLE IF NOT EXISTS "driver_shifts" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "started_at" TIMESTAMPTZ NOT NULL,
    "ended_at" TIMESTAMPTZ,
    "cash_collected_cents" INT NOT NULL,
    "cash_dropped_cents" INT NOT NULL,
    "driver_id" INT NOT NULL REFERENCES "drivers" ("id") ON DELETE CASCADE,
    "store_id" INT NOT NULL REFERENCES "stores" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_driver_shif_driver__a5d1c9" ON "driver_shifts" ("driver_id");
CREATE INDEX IF NOT EXISTS "idx_driver_shif_store_i_5bb837" ON "driver_shifts" ("store_id");
CREATE TABLE IF NOT EXISTS "orders" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "number" VARCHAR(32) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "version" INT NOT NULL,
    "payment_method" VARCHAR(16) NOT NULL,
    "payment_state" VARCHAR(20) NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "subtotal_cents" INT NOT NULL,
    "delivery_fee_cents" INT NOT NULL,
    "discount_cents" INT NOT NULL,
    "wallet_cents" INT NOT NULL,
    "total_cents" INT NOT NULL,
    "cost_cents" INT NOT NULL,
    "address_text" VARCHAR(500) NOT NULL,
    "address_details" VARCHAR(200) NOT NULL,
    "lat" DOUBLE PRECISION,
    "lng" DOUBLE PRECISION,
    "requires_id_check" BOOL NOT NULL,
    "id_checked_at" TIMESTAMPTZ,
    "cash_collected_cents" INT,
    "refund_due" BOOL NOT NULL,
    "eta_minutes" INT,
    "note" VARCHAR(500) NOT NULL,
    "cancel_reason" VARCHAR(300) NOT NULL,
    "idempotency_key" VARCHAR(128),
    "request_hash" VARCHAR(64) NOT NULL,
    "delivered_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "customer_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE RESTRICT,
    "driver_id" INT REFERENCES "drivers" ("id") ON DELETE SET NULL,
    "promo_id" INT REFERENCES "promo_codes" ("id") ON DELETE SET NULL,
    "slot_id" INT REFERENCES "time_slots" ("id") ON DELETE SET NULL,
    "store_id" INT NOT NULL REFERENCES "stores" ("id") ON DELETE CASCADE,
    "zone_id" INT REFERENCES "delivery_zones" ("id") ON DELETE SET NULL,
    CONSTRAINT "uid_orders_store_i_3465af" UNIQUE ("store_id", "number"),
    CONSTRAINT "uid_orders_custome_d05b85" UNIQUE ("customer_id", "idempotency_key")
);
CREATE INDEX IF NOT EXISTS "idx_orders_created_cdc9e7" ON "orders" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_orders_custome_384e97" ON "orders" ("customer_id");
CREATE INDEX IF NOT EXISTS "idx_orders_driver__81762c" ON "orders" ("driver_id");
CREATE INDEX IF NOT EXISTS "idx_orders_store_i_996576" ON "orders" ("store_id");
CREATE INDEX IF NOT EXISTS "idx_orders_store_i_d5e5ba" ON "orders" ("store_id", "status");
CREATE INDEX IF NOT EXISTS "idx_orders_store_i_1fbea1" ON "orders" ("store_id", "created_at");
COMMENT ON COLUMN "orders"."status" IS 'PENDING: pending\nCONFIRMED: confirmed\nREADY: ready\nASSIGNED: assigned\nPICKED_UP: picked_up\nDELIVERED: delivered\nCANCELLED: cancelled';
COMMENT ON COLUMN "orders"."payment_method" IS 'CASH: cash\nCARD: card\nCRYPTO: crypto';
COMMENT ON COLUMN "orders"."payment_state" IS 'DUE_ON_DELIVERY: due_on_delivery\nAWAITING_PAYMENT: awaiting_payment\nPAID: paid\nREFUND_DUE: refund_due\nREFUNDED: refunded\nVOID: void';
CREATE TABLE IF NOT EXISTS "cash_drops" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "amount_cents" INT NOT NULL,
    "note" VARCHAR(200) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "driver_id" INT NOT NULL REFERENCES "drivers" ("id") ON DELETE CASCADE,
    "order_id" INT REFERENCES "orders" ("id") ON DELETE SET NULL,
    "received_by_id" INT REFERENCES "users" ("id") ON DELETE SET NULL,
    "shift_id" INT REFERENCES "driver_shifts" ("id") ON DELETE SET NULL,
    "store_id" INT NOT NULL REFERENCES "stores" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_cash_drops_created_2a0fbc" ON "cash_drops" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_cash_drops_driver__c88cf4" ON "cash_drops" ("driver_id");
CREATE INDEX IF NOT EXISTS "idx_cash_drops_store_i_701fc0" ON "cash_drops" ("store_id");
COMMENT ON TABLE "cash_drops" IS 'Cash a driver collected or handed in, per shift.';
CREATE TABLE IF NOT EXISTS "checkout_log" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "step" VARCHAR(20) NOT NULL,
    "success" BOOL NOT NULL,
    "reason" VARCHAR(200) NOT NULL,
    "data" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "order_id" INT REFERENCES "orders" ("id") ON DELETE SET NULL,
    "store_id" INT NOT NULL REFERENCES "stores" ("id") ON DELETE CASCADE,
    "user_id" INT REFERENCES "users" ("id") ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS "idx_checkout_lo_created_b32fb5" ON "checkout_log" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_checkout_lo_store_i_3d8834" ON "checkout_log" ("store_id");
CREATE INDEX IF NOT EXISTS "idx_checkout_lo_user_id_b8a46b" ON "checkout_log" ("user_id");
CREATE INDEX IF NOT EXISTS "idx_checkout_lo_store_i_5a79ab" ON "checkout_log" ("store_id", "step", "created_at");
COMMENT ON COLUMN "checkout_log"."step" IS 'CART_PRICED: cart_priced\nADDRESS_CHECKED: address_checked\nSLOT_CHOSEN: slot_chosen\nPAYMENT_CHOSEN: payment_chosen\nPLACED: placed\nFAILED: failed';
COMMENT ON TABLE "checkout_log" IS 'One row per checkout step: the conversion funnel reads these.';
CREATE TABLE IF NOT EXISTS "crypto_deposits" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "network" VARCHAR(32) NOT NULL,
    "asset" VARCHAR(16) NOT NULL,
    "address" VARCHAR(128) NOT NULL,
    "amount_expected" DECIMAL(38,0) NOT NULL,
    "amount_received" DECIMAL(38,0) NOT NULL,
    "tx_hash" VARCHAR(128) UNIQUE,
    "confirmations" INT NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "expires_at" TIMESTAMPTZ,
    "confirmed_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "order_id" INT REFERENCES "orders" ("id") ON DELETE SET NULL,
    "store_id" INT NOT NULL REFERENCES "stores" ("id") ON DELETE CASCADE,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_crypto_depo_created_ccebb0" ON "crypto_deposits" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_crypto_depo_order_i_296307" ON "crypto_deposits" ("order_id");
CREATE INDEX IF NOT EXISTS "idx_crypto_depo_store_i_5448c5" ON "crypto_deposits" ("store_id");
CREATE INDEX IF NOT EXISTS "idx_crypto_depo_user_id_00dc0e" ON "crypto_deposits" ("user_id");
COMMENT ON COLUMN "crypto_deposits"."status" IS 'AWAITING: awaiting\nSEEN: seen\nCONFIRMED: confirmed\nEXPIRED: expired';
CREATE TABLE IF NOT EXISTS "inventory_log" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "delta" INT NOT NULL,
    "resulting_quantity" INT NOT NULL,
    "reason" VARCHAR(16) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "actor_id" INT REFERENCES "users" ("id") ON DELETE SET NULL,
    "order_id" INT REFERENCES "orders" ("id") ON DELETE SET NULL,
    "store_id" INT NOT NULL REFERENCES "stores" ("id") ON DELETE CASCADE,
    "variant_id" INT NOT NULL REFERENCES "product_variants" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_inventory_l_created_faf22f" ON "inventory_log" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_inventory_l_order_i_1b27f7" ON "inventory_log" ("order_id");
CREATE INDEX IF NOT EXISTS "idx_inventory_l_store_i_7bb191" ON "inventory_log" ("store_id");
CREATE INDEX IF NOT EXISTS "idx_inventory_l_variant_fdff20" ON "inventory_log" ("variant_id");
COMMENT ON COLUMN "inventory_log"."reason" IS 'ORDER: order\nCANCEL: cancel\nRESTOCK: restock\nADJUSTMENT: adjustment';
CREATE TABLE IF NOT EXISTS "order_items" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(300) NOT NULL,
    "sku" VARCHAR(64) NOT NULL,
    "quantity" INT NOT NULL,
    "price_cents" INT NOT NULL,
    "cost_cents" INT NOT NULL,
    "age_restricted" BOOL NOT NULL,
    "order_id" INT NOT NULL REFERENCES "orders" ("id") ON DELETE CASCADE,
    "product_id" INT NOT NULL REFERENCES "products" ("id") ON DELETE RESTRICT,
    "variant_id" INT NOT NULL REFERENCES "product_variants" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_order_items_order_i_3cb419" ON "order_items" ("order_id");
COMMENT ON TABLE "order_items" IS 'A line of an order with the price and cost as they were when it was placed.';
CREATE TABLE IF NOT EXISTS "order_status_history" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "from_status" VARCHAR(16),
    "to_status" VARCHAR(16) NOT NULL,
    "actor_role" VARCHAR(16),
    "reason" VARCHAR(300) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "actor_id" INT REFERENCES "users" ("id") ON DELETE SET NULL,
    "order_id" INT NOT NULL REFERENCES "orders" ("id") ON DELETE CASCADE,
    "store_id" INT NOT NULL REFERENCES "stores" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_order_statu_created_4e26f2" ON "order_status_history" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_order_statu_order_i_8e24e1" ON "order_status_history" ("order_id");
CREATE INDEX IF NOT EXISTS "idx_order_statu_store_i_10a171" ON "order_status_history" ("store_id");
COMMENT ON COLUMN "order_status_history"."from_status" IS 'PENDING: pending\nCONFIRMED: confirmed\nREADY: ready\nASSIGNED: assigned\nPICKED_UP: picked_up\nDELIVERED: delivered\nCANCELLED: cancelled';
COMMENT ON COLUMN "order_status_history"."to_status" IS 'PENDING: pending\nCONFIRMED: confirmed\nREADY: ready\nASSIGNED: assigned\nPICKED_UP: picked_up\nDELIVERED: delivered\nCANCELLED: cancelled';
COMMENT ON COLUMN "order_status_history"."actor_role" IS 'CUSTOMER: customer\nADMIN: admin\nMANAGER: manager\nDISPATCHER: dispatcher\nDRIVER: driver';
CREATE TABLE IF NOT EXISTS "promo_redemptions" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "discount_cents" INT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "order_id" INT NOT NULL REFERENCES "orders" ("id") ON DELETE CASCADE,
    "promo_id" INT NOT NULL REFERENCES "promo_codes" ("id") ON DELETE CASCADE,
    "store_id" INT NOT NULL REFERENCES "stores" ("id") ON DELETE CASCADE,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_promo_redem_created_5917ed" ON "promo_redemptions" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_promo_redem_order_i_5eadc5" ON "promo_redemptions" ("order_id");
CREATE INDEX IF NOT EXISTS "idx_promo_redem_promo_i_66718f" ON "promo_redemptions" ("promo_id");
CREATE INDEX IF NOT EXISTS "idx_promo_redem_store_i_f94c7e" ON "promo_redemptions" ("store_id");
CREATE INDEX IF NOT EXISTS "idx_promo_redem_user_id_fdfd65" ON "promo_redemptions" ("user_id");
CREATE INDEX IF NOT EXISTS "idx_promo_redem_promo_i_b2782d" ON "promo_redemptions" ("promo_id", "user_id");
CREATE TABLE IF NOT EXISTS "reviews" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "rating" SMALLINT NOT NULL,
    "text" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "order_id" INT REFERENCES "orders" ("id") ON DELETE SET NULL,
    "product_id" INT NOT NULL REFERENCES "products" ("id") ON DELETE CASCADE,
    "store_id" INT NOT NULL REFERENCES "stores" ("id") ON DELETE CASCADE,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_reviews_user_id_685ca3" UNIQUE ("user_id", "product_id")
);
CREATE INDEX IF NOT EXISTS "idx_reviews_created_d4b678" ON "reviews" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_reviews_product_45920d" ON "reviews" ("product_id");
CREATE INDEX IF NOT EXISTS "idx_reviews_store_i_2f17c9" ON "reviews" ("store_id");
CREATE INDEX IF NOT EXISTS "idx_reviews_user_id_86dcbb" ON "reviews" ("user_id");
CREATE TABLE IF NOT EXISTS "rewards" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "kind" VARCHAR(16) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "amount_cents" INT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "order_id" INT REFERENCES "orders" ("id") ON DELETE SET NULL,
    "store_id" INT NOT NULL REFERENCES "stores" ("id") ON DELETE CASCADE,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_rewards_created_bff8b5" ON "rewards" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_rewards_store_i_272122" ON "rewards" ("store_id");
CREATE INDEX IF NOT EXISTS "idx_rewards_user_id_a2f9ec" ON "rewards" ("user_id");
COMMENT ON COLUMN "rewards"."kind" IS 'CASHBACK: cashback\nREFERRAL: referral\nBONUS: bonus';
COMMENT ON COLUMN "rewards"."status" IS 'PENDING: pending\nCREDITED: credited\nREVOKED: revoked';
COMMENT ON TABLE "rewards" IS 'Cashback, referral and bonus credits; credited to the wallet when earned.';
CREATE TABLE IF NOT EXISTS "wallets" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "balance_cents" INT NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "store_id" INT NOT NULL REFERENCES "stores" ("id") ON DELETE CASCADE,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_wallets_user_id_1b4567" UNIQUE ("user_id", "store_id")
);
CREATE INDEX IF NOT EXISTS "idx_wallets_store_i_e701ef" ON "wallets" ("store_id");
CREATE INDEX IF NOT EXISTS "idx_wallets_user_id_3ba268" ON "wallets" ("user_id");
CREATE TABLE IF NOT EXISTS "wallet_transactions" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "kind" VARCHAR(16) NOT NULL,
    "amount_cents" INT NOT NULL,
    "balance_after_cents" INT NOT NULL,
    "reference" VARCHAR(128) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "order_id" INT REFERENCES "orders" ("id") ON DELETE SET NULL,
    "store_id" INT NOT NULL REFERENCES "stores" ("id") ON DELETE CASCADE,
    "wallet_id" INT NOT NULL REFERENCES "wallets" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_wallet_tran_created_448138" ON "wallet_transactions" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_wallet_tran_store_i_c5e02d" ON "wallet_transactions" ("store_id");
CREATE INDEX IF NOT EXISTS "idx_wallet_tran_wallet__7d0237" ON "wallet_transactions" ("wallet_id");
COMMENT ON COLUMN "wallet_transactions"."kind" IS 'TOPUP: topup\nPAYMENT: payment\nCASHBACK: cashback\nREFUND: refund\nADJUSTMENT: adjustment\nCRYPTO_DEPOSIT: crypto_deposit';
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSONB NOT NULL
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        """


MODELS_STATE = (
    "eJztXetzm0i2/1cofdlMlSaVyOMk67u1VbIkJ5rIkkuSMy9PUW1oWVwjYHjY8d6d//12Ny"
    "DxaBBIgACfLzMO9GnQr5vT533+r7PRZaxab/uybGLL6lwI/9fR0AaTP6K3ukIHGcbuBr1g"
    "o3uVjUXuIOwOu7dsE0k2ubFCqoXJJRlbkqkYtqJr5KrmqCq9qEtkoKI97C45mvKXg0Vbf8"
    "D2Gpvkxh9/ksuKJuPv2PL/aTyKKwWrcuh1FZk+m10X7ReDXRtr9hUbSJ92L0q66my03WDj"
    "xV7r2na0otn06gPWsIlsTKe3TYe+Pn0776f6v8h9090Q9xUDNDJeIUe1Az/3Xtxd64jidL"
    "YUF6OlKHZyACTpGgWXvKq7WA/0FX7svf/p40+fzj789IkMYa+5vfLxb/fRO2BcQgbPdNn5"
    "m91HNnJHMIx3oJJfjdU4roM1MvnAbgki2JKXjmLrI5kGrn9hh+5uR22h7JQF7gZ9F1WsPd"
    "hr8s8PP6Ug+a0/H3zpz998+OkH+kCdbH/3w5h6d3rsFgV7B66Nv9t5sPXHVwdtmTs3BO75"
    "u3cZ0CWjEuFl98L4ythGisuoskIcIGndBu5lwriXgnEvjrGKOFv4StVRAuP1xkfAXVGCDP"
    "B6rLUuezgFzuHs9nIyEm7mo8F4MZ5N6VM2L9Zf6u4mvUQuKDaDYD7qT6LYkkfnwtYdD9hm"
    "wFYyMYVC5G3fIbljKxvMRzlMGQFb9kjf+n8UwzMqFSnI75NnmvriPTdlIZbj69Fi2b++YS"
    "tg+SvQX47onV54Xbyrbz5E2Mt2EuGX8fKLQP8p/D6bsiU0dMt+MNkTd+OWv3foOyHH1kVN"
    "fxaJ7LmDyL/qwxhadMfCpphLTgxQ7BcWG7C2BYiLVABfPXKlRYoWh2PpJlYetK/4hWE8Jm"
    "+ENAlzMPU0jltvmmZh+7e/d/yru+eb6HmrsAS3FPnp5Adjl0kN+otBfzjqMIDvkfT4jExZ"
    "DCFN7+g9PXJlOzZ+a9PbRK8gDT0wbOivoO/sq3kqNu05lhRDwezd44pgeEQ3VR+kY0XTH5"
    "xNLez8stYFovhZwo1jrfUnbApsHktY6eRPwbLJTuoKSJPZhee1Iq3dEcIjWXPrbSeyUIVM"
    "CCppvVRS9v8cIr0/voVa0/tMEv37FIn+fVyiN7xPRWSM6hG/5AGbS9xC5M/f97Loq+97yf"
    "oqvRdGnvGcONo/L2ZTPtpbgqgUqki28F9BVayCZBSOzvqvlaNJFETh3lFUW9Gst/R5/y5L"
    "l02BmwIUkkB9lN9c93+NLsBgMruMipZ0gsvIYiiWSM4q5YnDay51XcVIS2DjQbrIutwTwr"
    "IWxGfx1UJ/OZtNQtBfjpcRwG+vL0eECf0QVsl8Pg8a2avWyJgElk8lC5KATrZXJ2NwFaCU"
    "Lfx5moVuVq0suKvqpJZdIk1jSkdMHfPudNPUsHs2BpxyzfuiuykakK3YKueTTpYTtwT1kB"
    "PpY9sjJ27Ihys6Zi4vaYiodY6mUpx5qqI95oHYHw/oZkGX7HKFvVZ2bh0kKUsOi4P8rtY8"
    "Oyh2IdO2DlBmQoQF6DLNcevVSXfxMUlVXrAmH7LCATJY3zqvL5iAwARUEzUWTEBgAgIT0C"
    "s1AZlIC1tVQje6qQYgOqQE+88fu01lqc5D508wCJ3QIMSWIAZrsm7sj2+hY7b4KG2INyg3"
    "ghjOfzj/G3/+Byxppi47ks2J47j0KK++zrGKEkxnHtQ37iyN1f9jYP9dpoQ0QBsDka3ME5"
    "K291LlJMkblTFQsS/cmzqSJWTZgq37kYT/sATJIX9tsGkJ9trUnYc1+T/eXhXudTsepHjs"
    "ZOCeq5c0BgJDuQLDBlsW4QN5HKABEnCBFu4CRY6sYE9yyLoiQRpYksKXhIhytpOQ+TjSnE"
    "1M4ov6oDzqCr2nsolWdk78O8N5/2p5ITDaO20x+DIa3k5GwwvBktZYdlQsk6uj6XA8/Uyu"
    "YU0mi8SuLNk/Cc2gPx2MJoxGomCohCZ6RGeKxf6QJRQ7amcNRGJ/iClG/k84xIsYoQVHU5"
    "0dTXQnHrLIOzJY31qvL+GnuQL7twRwNBZ+NIKTEZyMYGQEI2PzjIzlmtBMbtIvu95NN52Z"
    "WfN7+1vj1T8sIn6bT9j80VJkLNA5BEUTdA271q+3wo2pSNgSkIkFDdPMXXZdvhCQ+oxeqH"
    "HMNIn8wzOnlfMQrhfUz3h3dz94QU9pd3MM+cCDPUxZzcFerVWumSc7R7j23h5O9hJjl6FM"
    "CohKjRCVopu2AEyh9sxeD7di482R7m0qVY7JNA08Sk/k4PbwSpDQfSzTpXRxu3JFBwNKnp"
    "bwhEwFEUhAED6lIPyXQ9ZAsTmFWxKhDZJUl8xVe4wDVkP2/eTZrQEKkInigHqsIh+mYSLY"
    "qPtlTZ8zHykW+WagZu3ZrGJR4FPdL2j6Z9zxoHpBft92EzZs72bFN/zZ1svsaa2Hpm7wBS"
    "vv3h7BylqLMhmW0QZKZxWQIJsKtTcS1qZiiSy4oJvCGpFllAVF6woGtUWulRXHvnnIBBAi"
    "WC8JDW10h3wPkl8aMyO8UTJIu49KFZpu54u99Ma3rkpEKZGX4DpvmYE9i+vcPWjyyekhGt"
    "B+4nxKN+W8mAZJDoK0ZgFeRUNqYgmTXSeL9y/5gI0TArycgjZUmMzpZwuQAKS8GkHgugRP"
    "Ww3083yeNvdwLwDV4XaidsIakoL248rYZWGwLvzZmsVjM2/ZwNkSgpa8gDC9nUw6cXmrAG"
    "xn/jztRDUoY2ZANSA5Ved6byi0cSkzAeBTGUJt/KCbLx2uIdS71003hLJRShk9QKHcTPVy"
    "KpSbyWBmq6rcTHKqUEL2OGQKHZ8pBEVxC1Z4oaBmxQU1DUTTF/KZGEI0YLYBsw2YbSpGtx"
    "yzjftdF4BqUB1oFifICmyIBeZW0wL+0rWiymQqznGXK1i6bXiH9yUUTKs+nnyNpUfdsSf6"
    "Q4en8Adud1N1fm+gqHoj94Y/zTQsmPozi0/yqQXLxsaFW9xM156waVGdgigXGlYF6linBd"
    "CwheOxUEfPtj8wKmh6IBPT/weCGf4Ey0OllgdvBeKWhyxFjVzaOlshyMk9X4o38/HArUdk"
    "2qJBU5TlO60/HM5Hi4U4+DIafKV3kUyOFssS2b5ndY4mZOLBl9liNL0QLFW3yS3dwtqddt"
    "P/7Xo03d000MuGHnDb+5M+e6ChIvasq/6YFURaIeXAaki9bNFHKcFHsWpIjiSRn5tTcwxQ"
    "gd6YXW8kDM7i2T2SbXw7CgilyxJKR1lcHjOfPx7MfIWb+SCq8RVGNUIAHtjF6g9p9ZUY9u"
    "/RpuEJdsY2F2Ko1349tg4DBC+VG7x0otgaVSHa9ugJa/wSa4Hb3VRrGxso4ic//ytLxTXP"
    "vPojeTn1xVYkS2D0rPqxcP8iIMEgb02zBzeKpvxIns4rqXbgLAXnHV4qD6/FhPbPXu/s7G"
    "Pv3dmHT+c/ffx4/und9uyL30o7BC/Hn+k5GJKzMxjasEXNplzZIyXQJ0RVliGg0tWA5lLN"
    "Bdfws7KzGlm2BGBlKdzK4jW7z7rRveGtMyaW0r0dLFiv0IJ1CnNLvbSt12BtaZxFsEbmln"
    "rt1tdhbamlZWC/ueVEhgHzxbD1IWZR4x2eaSA0oJtqHGBDyY9jY0vIwYGUm1P2FMT2s24+"
    "5lIVdyQt1BbPehnE6LNeohRNb0W62FkW5sjPyQBvCVoIb/HdzLxwpVwA70jaCHHvUxaMe5"
    "+SQab3Iii7FcLwd4MVheOog1hSNkhNADxOHVUJXfK33jQNXIQUzIejwfi6P3lz9qn7LhIi"
    "5S/HTzHd28PMT+89DPEg9WkQLyuFrGi47e/iGlnrPGwkQHIQG4kKvacVNMrnIeSJK8XcsI"
    "D7PNUJY3SQABkPkWlcW1b0jBSbYpQP4k7/l/54ydqu+jPQvqssNBnTmOPBbHo1nl+zOGd3"
    "49DI49GvN+M5vUbOIMU8LPa4eNnFfRnrAPtqmBK6dNankVDcoLrdhofY0SO0sNK1Xmnwl7"
    "w+fwm0h2vbqnO+9Vh2aT3jvJtnmoQw71Y5HlsIaI0cjzVDtw2ex4ZCurfhXr3jvOsIaX3D"
    "vL220zcq0jo8Z27wfjfVl+uNFA0yNHOkt6q/INV+EWwFmzR53FrT3yUgTRbIE2hN2JcfVx"
    "gLsmJJ1OosrHRTUGxL2ODNPTYtXtx3IXOmF3SUyO+Hgo4n9S6zJYjBmmxR98e30CtXvF8Z"
    "CjruY/mVxSD7/Eu858WFJzs2ImTg14gqMP5ZIPrngGhgU+KWG1tskKomQp06UWtwP+t9/L"
    "CFnP4jDe3FdX8yiUO+0TV7rb649WFydxJLoG4NwlCytKmlZ8A23zIrbV1zGeq2umACq4Fx"
    "Yb8JLNm2EAD7WbGlNWFFK1PfcA6OPHUtVaQt2HReMcZGeo3TK4Bu4bJ1AGsfWNSieGSt1H"
    "Yle5RaKHXo6SO/6xrucGx6ofvdNJveVrP5DxkK6RnNO1y7KQY0SOPfRd9lSnB+n5Lg/D6e"
    "4Gzo6ssDryBlSi7/jqR6S9pp4rBKsZmtcH7rQogGbAox042iia4XK7fZJk4J8MaanpiKbi"
    "o2pyVdcs+TAAkACjawQ7gv2MDABgY2sJMzLrCB1cMGxsSUIw0VLStYWa6lwm2mzbNRbNts"
    "p1gn2JjyzRKhbiosmw06qFRqqSCP0ixDNxMqHexPQgxNUGEeooTMTj7MO1ez2ZLMpev2nX"
    "Y5/jq6EO6VR3ynDfpz1lylk21FQuaNLPm2ydm2sVzbBiaE6quVqmg472LMrq4m4ylZA4/+"
    "Tut/648n/csJuYaekMLeiizU7eI3slCO9XLI8hSf+6kiyxZVniR+peoogRsFiSJLs6JUjT"
    "3TeLAOZ7dkEYWb+WgwXow9E9RWsmY3wwrPfNSfcFHWOG2l96Ks8XpLA8rJKOsSE7sO0C55"
    "9JDpWp/st7hSaTjWWieSncgSER4xxyiW7KXgErevIuv7LCG/ZFRyRdb3saBfMJmByawmaj"
    "+YzMBklt3W/4TXClnIfKCGiaASbi0zfBtv1gDLbrUJvt5XXQCs33YzNYsNZAU2zACP6RiP"
    "rLUo8/tW5OsZb62HZJqy5MVTR0Faa2V1bMt41y6+oDO1FSZwwmRxwuyraTDT8FIn/8nI7Q"
    "6taHDSA7qwggZFe7Tc7zPRrbX9fPf5tsQdy4DA20bJfd0Udxb5Fs3D1P4wZQuLejVEz89k"
    "xsQEwkMWOUgHhuo6rzATfMnCqazyeO7A2CRyCOaMGUp9DcM4FOYYMYAcq4fgihy5jvwQDZ"
    "gmofAgmNEqRrccM5q8Db87EtVdHF87YQ0xwMMDT09gQqunXFht/OloY6j6C8Ydjqq+vddN"
    "09OxNypzwTvywaxWXqW5f1iCqatYUDRB17DAPlHhDRIMbFq6JmzQi0C7YbH6dBYm+wyp7i"
    "DrB17duyKn5pa/8y1NLsuF8nenNCLQ1Y3Dmi0E06etcyZvZ3C7WM6uRzTq1asseaf1h9fj"
    "6YWA5I2i3WnX/Wn/Mx3gft/k/nC8uOkvB1/oRVmxDERLNNDr8/E3dm17Gp0+RhOibSDapi"
    "bCDkTbgP7VqLCQ5gOaotBCjfKia5SDiaD0HMoytbQr9EQLHXC1tO29bpqWtvJGleBJ3WlF"
    "hqnLDpkW9KKTlgUHKe/1SXnep5dPKgkTVecPqv3HBdIzSM/1BhTcQdW6g0AlKVol8YXF40"
    "G92c3UsNMqK7Dhg7pOmslYe8Ia+ZJeOhzVZHezm6abKKFhez1ItxrtVKSvmFvnCZkK0mzy"
    "t7Cm7Y2C3p63whBT2LAsPCv2WkC0ZbWs0HmQKrjtQeNepOKnT2+k5D0ClKaTKk1/OWQN8l"
    "UfDJJALFVMyoO+vS1TQzkBofEEH1CXCk/tdc+HnKm9ISKAFZSmk6SieqJNYSL+t92E7cQ3"
    "/N3WUtCnPTrSZH2vh0cGcV9UvaGQ2NUkLpomRpPFtlEOXLfjwfjMOfqJXObQfp4P4gHqCZ"
    "8YcObijCxem4qMsYRb6lpHE87mQxoAyHLLaTHN6WA0ofU0yU9S77Q5kfxng68XAtk2ti49"
    "0kjDn28Xy+vRdEnDDf/XseyN19Dz9JGD4OJsmW6ZxcVJJAQ9p+MoSAL1jeKMz21KkgvSIE"
    "lJkDZPIAIDCBhAmgArGEDAAFJvfLMYQGInWAH4FlcuqY6oBg/thDJnMUmrumiHmglZWUEN"
    "Cpe5a8eVaaqb6A+KlmCm297rppnoVDoKzHONPOO7KeY5RSYqvELucL7u5ILiYarWVRLvnf"
    "+UwT5BRiUaKNi9SLNIsuF1zhZORnlHUWcz0oEYn2Up1n6WXKv9LFaq3XIkCVu8YgFpqaMB"
    "qgoTR8s/rHiwFpg4mmYgTbI+V28UrYhffMjCLj4kc4sPMWahGLnYsQGwZoKVhaMSEYmngC"
    "XDG6ZqHcxnmRp9n6U0+j6LN/oGe/wrtMdXn8dRL+W7VUnQ9YL22ISDU2vgrjWJo35vzUzJ"
    "uveu+HfRabpbE6/m0AJJHfIT/uj4pWXodaLobQzdxpr0wvpGRUPSOW1A6RTbiwFmDv1BK1"
    "XsvRXNIebsKEDdzKJuNq/jp4E1WXHbLOaJE7kZTYfj6ecLwaO/0waz6dV4fj0aXtAMl5Vi"
    "brBMI0b6w99ovAiSX+60/mIx/jylQ5BlkQOKjrgZD76OhuLtDZlLkR4JY3CMO204mtBSVH"
    "Qo4X20GhUd68ajTNgzWEiKit09e/JYE9pgWeEpv8m+xx0F5IVETQkGeqFxRGKagWz/BxWf"
    "pc5cjLquvtCNba1ZG2O2yU266+e/3Sxn5F/mi2Hr9djvPrSUZx1cXy82Sa2XZ3g7EmdT0e"
    "NMhKnJRHZyBUrKnyh7+6U/XhKuKN70f/NC4p6RwqIrvZ9K2F1/TBbWQApjjle306FIJqYc"
    "cuVoskjm9K9TLudepazv24zSPenKQQyvl0Wd7yVr8724Mu+YJhUB80gTQZo6L/Wh8kQWcS"
    "JZmojbru9t3UZq7kLucUI4YGJF3L2PVlxhnBtgPjGAHANZsSTdIQw+N8AxQgA3Cu4zItJv"
    "fmijZABsFNjDmC5w3D2wSrqVf7eGiQDUKKhIlk1sWaKNv+dyX0XpWufAOs/kwDpPcWCdxx"
    "1YPmoytpGiJth50gEPkLYO814mzHspmPfimKs8b+GVqqMEjqFyfYQrSlCIg6MucRvD2e3l"
    "ZCTczEeD8WI8m4Ydf+wms8Bv4zXmo/4kiq1r98uOrTsesM2ArYn/chTyyYuKLEprLD3GkU"
    "6NQeLSVxiNtL3S2HAkH7iDIg5ixNBhsD4FZeJRBnXqMFizZS4+Ddo3VObmaEFCYGU5WBkR"
    "GsWNojleZe6MuzpCBZs5DqymJ3kvEvzhetWOiibrS66PVswfFxwjbB3epQRYRiNzciDOIT"
    "0I87rxi7AbtPcpix+09ynZEUrvxQV9bNnimsgQeRCP0rVuixcfqr2NBDlAoI/Sgjxfa3ke"
    "QsVfYag4FINt2apzvvVYMVg/tDhfkkCECkp31KVPfb1SBAqPSzT1jZ67fc6WBFRwTi0kVc"
    "9ZtSdAAYBCcakKIP2PruVENEABexTKSp2irFQwZ6ua9MCGwhqRJUPI0oqn8/Fg2YnxgwJg"
    "HXpxpL970zWLJ2SFN8AKM1SVood7AdAuiZ638KZqJ6wBKSgDrEwKLQDXGzrPgPzdXmCDAn"
    "sGZF2VqQhusJ2oUSpWVlhDqmXuPOyIq182dYNX1cejvfo6xyqy+el1HtwDMs+QTNOejRw+"
    "/Wn0iu7Q5Cp8NFTeXF5FuDaixVLryMMN3VJ4oSO54GKTDd25WgpYrD3H4XBFe4K0ES0bb4"
    "7cVKwmxJjM00DrdSaM1orld3c8EqUFy6P/spuvjXC5UoqJqd+ePuDI7cXkuvl2traiZuIn"
    "BT8fidWcTdJSVmViCsPRCNGRLUXIy6AjAzQLSQV8e7+wCZe7+VoEXOn1k9iRmFRDyT8v99"
    "RRErfn8/6+wn1BVTRMO/8izW2T4/b1tddYMExFwgLtAEzz1gRk0asvwjM2sfC8xpqg2MIz"
    "uWqoSMJyvKlwwXNDXeWalV9Cm3zBpt74NpZKKCP80Xp08sDrDW8husVH3jWm8XXt2UNQgi"
    "ccPXeqSoQKUqIhz7yKPPMHLNKef2Tz2ZgjG6Qm/sSJIfknR/LPKdqv1cyTW0IYF+2TlDuQ"
    "K0AER1qzmrA1DteUcJmq21nVjBtk9Tgm9rNqYBe2WlhzogCntGHjx814LLQ4jFsMbvi4SQ"
    "A32WFeuuEt7GVJssDFfDH7THFuEWQx4A2CzmKNOre6KRawlalvxOOKZEemqHGSKtTIjhXW"
    "O3LtQxPU2W4HSx+1H7AumKauHlwrOjxDnT/7we1iObsezckieIHFZGWH1+MpWVZ5o2h32n"
    "V/2v9MB7gnLLk/HC9u+svBF3pRViwD2dKaXZ/TZSbXtrGBp19LaPMGjbIg+7nw7Odgo+CM"
    "YmeQBLKMwHIKyYVNgRRy4arNhQOLaQkWU3b8FABqYc0Ha2nHCx7S9Wo/aBsskYtnuvNudV"
    "PtdbZBfr2MMwbOLddY0DUs0BDHJyxQSqIdm4KxZlc1WTAck8hUhJR927JAK2PxwuSOmonb"
    "85BRsg3qEsZ6GoKZsEoz4XY5siqYu/WrsVHoUA2z8C6F/ibnApyha9eOvM5wd+ajz+PFkl"
    "pPTPygWDa1p0xmn6kdRtUfqB2mv1z2B1/Emy9Eo7sQkG0jaS1u99LpLS2Us+WuKxgiqvMC"
    "1Sa4EX83WKX1/OaWMGUL6441xL7iY5JuYLFtmt3E8T4sNkhVk60sAbrWRAae9T5+2B7b9B"
    "9pJ/biuj+ZcGwBtHdj/o8mQAZfTK2/GPrTnM1hhugwKVRbrfU6g7/hdfgbYmbHk1keaK4/"
    "3/DgVQFItzt4RQcgNAh0/tJ0nErRBZUfVH56D9NaKIcu05a41ou0YJ3RLdYN/dtoPr4a04"
    "ClJ2wq5DfLd9pVf8xCmFZIUem/LyczGgJ1IdyrOg2A2kY//Sb6Q3cNmRlNPZZSWiNNw+qh"
    "ixkgr3O00y9f+stF/+bmQnheI9six/adtrhekAXeWCzqbTGbjFjMm+XFbp1+ZQxTf1K4Ds"
    "GU4yZA07oopjJaddA+p3kA3lG0Dt5SGqOC0gZKW6VKm2Pf69+vsWWhB77TODSgm6rCsaGZ"
    "NLhOX9i4Uwo2OWCEjWPZNF5aWguWvsFEcOsKz6Zi27QEisZKpVjkvYRAeR6vWIpAT9SH2B"
    "FU+APuNDaPhBwLy7QsC/VIb6O0hfsXchia+K2LgVvgxcTkbbCVsWrLH51dFLyGv1NjKrNQ"
    "0w/6z1xa66Xy8FoU13/2emdnH3vvzj58Ov/p48fzT++2Gmz8Vpoqezn+TLXZEAfYr96mCo"
    "MJbPpIAbBulvGyRY5H8rvy4OuPB3AzgGugF1VHHHx/XsymCRLzjiQqYyiSLfxXUImG3kCo"
    "U6ClYIQkCR/SN9f9X6NoDyazy6iIQCe4jIXcHpMzdYqEqY6X9ZRTuuZkTQ2ZmUYmh3DULl"
    "APTTLZp/y63MnFNeSNyDM5VRsOOfiYa+17dG16oqPZPHNB+mpHacHLXOuVRpYtYtPkxYwn"
    "S2lhqtaZhkrpuw19cl/LNwVGQDACVmkEvEGW9ayb8hxb2F7qj1jrcCyBnFHdNHOg4Y2nVQ"
    "JpZW1KkS2rBOI76iXIJxvA2KLmDmYPUxVz+p8WZohlh3P/+HOfuhYO6ZNugVzXiPUFue6V"
    "yHWRjzpntYoABVRW2FtZwbGgGe7edPXAluJXADiR4qEibfGs2NI6IXI8PKCbqm6QoaLFxk"
    "IgeSM/8m6apx2Oztd3dELxrMI9cazQKmOVuWCNkgG0UESrAkgJb8i/V8NEsFPjsIJKAsXe"
    "aqCU5Cv2BnpeEXoeVxYoANaBVxT5xpuuWQw2K7xRMSih8hvnCAOIM0IcPr0zAAz1CrPAWt"
    "t6hX7LF57xZ9cNJsXs4w4qwbH8x+4ct1TnAaoHntQAxJYgBmtKH1hvfAvzAN73PmWJeO59"
    "Sg55pvciIbrcNsbJeQAJbYwrSALo/GvlaG6G1r2jqLaiWW/pY//dKZfHVpYaEHzNHCsSIY"
    "OFKXxhLIxMaS3a+DvHCr0kVxNYUZisBdGuaTbm0a/LdOC3JubJbPrZHx5djTDwyoZ2m3XM"
    "XJl2IaIWgF5BiDE0BM652wtsCExX1yDae0JR+0QBMkYHFs84uIolunXFc+7pEF2F29mX3B"
    "u7m8Ff+wr9tY4hH7joYcoWhqk2dNU5YY3e2+9W/d5EmpzPnRQkKem4ap7tI8A8yQ9/0M2X"
    "fKBGqABX8NCXAyl4Pqv1fPofdhE+pMBUjWIFWZGNMMEM/iN2FhUA7aU/TytxDZ7Yuf1HAZ"
    "czetJNhUp695ztfOlRX32dYxUlGDI9uK+8mRooCyZhHtqWXtM2G284ZUjyAMWa243JPG1F"
    "CjmyYvsh34fj5Hkb+3Q2L9i8WTaTTGA9IVNBGq+0zQFYfXMna+vGMvGTgp+PhGrOJmkTRB"
    "VEA2w/wuSogOB3ujc6QAzxCEgLaZS60RWSowLcSp15vEI7ihZGBhTfYsAtfsrhgcl+6AAJ"
    "+KAL90GDYb1lJlZIhKrwJAl1C2CSQS5Qw0RgYQULazmQgoW1WgursYs0PhLWQMxyoxhBVl"
    "zDHBDC819JeL5v6UnWxwO2oP3qeNAKVV7Q/qMDMfunjdknKxBDNSVk3x3eQr28+IpwEK6/"
    "j+dWppEbpiJhUcJcq3qKKhGigprxsSAYAntuVMNEAGpM69UthW8xTd6oARIAFAKLD+G7BQ"
    "YWn8puUzM9GAw3tYQUDDftN9w0FNgUy02GKpDBaETTLiIuaUDmaXNYkqLRvt3csM08MI2D"
    "07Qap+NDuLZYZYvfaiRcEBd4wtikjT4gf3f4VlDvZnePAXSjk/eWcbm2T/oEMH6etmKttx"
    "myWj/98S00fxYflpTcFXZ/78wmdIjt3Izmg9F0SZtmmtSedaddjX9lfTKV77gmbTKfkOpw"
    "tngi59iOr86MVHv+EThIFM3N4c9t9ORQgqEubuAg+sYhHXRChNBfpT6JyPEwuRq1SYJVLm"
    "2V6anmWLyY5NQaKT4JBEPya89QfFghGcmrM3oAvjF6AJtbfVsm2Dkah0ulFeAOEMHxDn64"
    "Q3g9FPiBPIRj8hDASwhewlo4s/Z7CbO4spjSXIQZvXlCTcYEaBlv2NTH54tv9Pl2tgZae0"
    "7ncQjAluR3CCO7z/sQWdVSs6H/cJ9Jn8P6d/wJPogqfRCyYjGdIbdJMU4IKgdIwCAB++73"
    "PMwqSAISMDeik5xKeeM5tyQAKURzVmO1g555oPjWX/GNsdYCQA1FN7UT2OCRAs0Iq29GmN"
    "D2IDekWe0xDcU0KEzmNXyVaaqY4xURstdL/RFz7RSh+900I4XpjhRtOjSbhaLTFzwqgVF1"
    "BcYmZWGNrDWW3wrssZagrwRdw4JFNtSPiiZYa2RiAZFJN4r68j+CQWYg6i5ZJgF1IqtWwi"
    "PuNBM/ESqZUbh/W4K9xt5o4Y2JySckyGSFWf7sD2873SxGF7CxVGljYdtBpNsgDm5ytGeY"
    "qphQxNPCXHLCu/tNcCXw29vxkI9yiCgCsuMo8ltK2tjDgoetG0rrGkiCpg/2Q8OI1ihaqq"
    "bW/robrDKFS3mHzAHLHKaEoLgmrLKJkZWvIGqc8qDTqGZrW3YCgmLkwdgd3boehMWf8kxl"
    "JBoGLzYuGd4wVetgPsvU6vEspdXjWbzVI3ivXqH3yiDaqJa3dkaQBuJ5wTNQtWcAbK1F21"
    "rdT7oATKNWvWYxgsyugSAHPKL5kbRWVNnEHOk8X0ORNmJeahyd14OFa5b2u7OkGaS3bWCK"
    "ztf3WZtfxgYy9k9pySU40MfHgF1skKomorujalNa81nv44ctvvQfadAurvuTSVwwsvF3zi"
    "GzJFcTbOLe+BYocGk6w+jXZUhdiNUg3aoMk9n0sz88WpgUtLlXr82dIhaxZuJEW7qC1O2j"
    "gXjEukMKVgeIR6yBbpwvHhFMOYWbcqAAao4Iz70FUE8ZkVgz0eroiMRTt66ZYzpHh2v1YX"
    "e66VYfOiZj/OEAWWv60l0aJIhNE6kC0mThXtccSyAalqzY1v94f2BZsHUW5veMVIKV8LzG"
    "moCRqWGZBfiFwg4LnRlCB+tlcGp9FUPCV79c9gdfLwTJ28d32nx0NZrP+5OL7Y6+0y5n09"
    "vFhburo59AFg958bUNCeq2w8mYzbY4O+oKbVkG1mTPEplnjW5G0+F4+plWmmT0d9pgPhqO"
    "l7TYpM9X6Kp9m32ll7xwoXqsEtoclN0cJYPcZshtBnsi2BPB8NUASMHwBYavGqi9YPg6re"
    "ELrDPNts4sMDKlNW3UwjHQ7G5202w0Fhvm943Zb6YZPWHzhaiiNiIkgkstPCv2WlBsi2g2"
    "FlkigdU9Et78B5v6j94ldyS2BEWTVEfG8g9xQ03Bc4Oppl6mGvITeZ2cknMStgR1NtAcmJ"
    "DQy5SQ0EtJSOjFExJUXUJqro4pO4oWYvwpA8KfEvH9FEXX5Ta5y05HydoU4gbGEjCWQCnk"
    "Gn1H1Wv2NRPqQbOvg8pUZ82+Zhv2WM3+9EqoZZGfPMcS0ZPdH8rRRSNjuukqKRstmv7wjB"
    "EEMw0L0trRHmkFIaQJpvmM7wVvNmE7W1zvzEPI7xnpvbG7PGwqkW2n47JRLpWH16J0/rPX"
    "Ozv72Ht39uHT+U8fP55/erdl3PFbaRz8cvyZMvGQSLNfNQ0vYFblKUxVlgLVpgpEwU8ju4"
    "gSoQIFiiP44Se+A//nxWzKR3VHEVWaFMkW/iuoilUasJ1/rRyNFWQT7h1FtRXNekuf9+9O"
    "uacsD0uKUEhhiiUTRfOGumFNiE4AyUSgz55En90vzYI6C+psXdTZeu1W0GZBm41qs2wj81"
    "RYf4en6K10SPn9gMBpWaXT0lIdTjmDFJ3QGw/laPcqg+z/OaD1x7fQU1mKNzj4ZjGYk/XC"
    "CFk9lEP62NYohwYBNNfO3xK0oKxH2VVFibpGoLdEfuWUZIyjdK2D+jwTjzlP4THnnIgTno"
    "HjStVRgtihcs0aK0rQWGGXB+dwdns5GQk389FgvBh7PGRrq2A36aVdd+j5qD+JYssrpJSG"
    "LbeEEmDLw5bazv6TkwsHaSrkDrfLQTUMongJz3thMX9cWpyyQsTdooCNi0+THNPEmpQrxD"
    "JIU+WeXgwrki+yiBfJ0kXsuMMPSKVlsuMYp1e4CxFW58B6/6kslIsrcacbWCOPEte6w2sk"
    "nqyoxAhBVSnej+XlnIv3Rp7s4CgZZAfHdj1LKrHwXzlQDdEApFFIFUtE5Ft84jDnS11XMd"
    "ISTKFBugis94SwLFx9W161bOJyNpuE2MTlOFoc8/b6cjR/8/6HsBQNQdvg5CZTOIZ84KKH"
    "KVvY8qqhq+5jFFj2bTnxmONtX4F2oq2ZNg3dVAyFH5GUp1B7n8429ydr4JZI8oeGPql7pJ"
    "EfdSRUl2yS1kJkIk0+FiE6R1sBktDGQMqDdiRGA2+a9sJkHsuTBmSK9sJjrUXZ1HnKXj6M"
    "rPWQTNNenGz8oJsKPhonNs9La3FaY+lRd2y/vsARSHkzeQUNWgmWSoUcMSmSOxdabKrRUz"
    "ahqZ6unz1gmS8GEVdlTARd5Wi42GRDd662bi9DRUdLB45l6xts3pCp2goT9fAdCdMQqwot"
    "ZfK75yxsI0yySX/isUCxSdoNkWitldWxDMoFakFnaitaeGOo+gs+9tsbedO0FaYVeiJyp3"
    "0sTFfeNG2FSdGo7KPz6g3lgWkcnKbVOB0voW+xarGIzjxwR356WavlNRcgca1Yx397DKcF"
    "qwL+ZTdfG0GjkrloPSs2LWJ3HGhUMl+wmVr8FXpdSI6FqshmLbUFSUSOrBRgf/HQ6tPZWr"
    "y1npCpoKPNLx5Y39zJ2ooV2WEbnYyRj2ZadKIB+bvdSJlYJkoOfUAReM23s7UVtUDT6MOx"
    "2nWnbidE2w5Lx0Dkt3JqI0ThAseHoxSqp9xGoMLlto4BKl7sq4UOCEvVjxUTlsoGL8g0bd"
    "1RT3itSOqx0sE3d5a2guT2mTsSo1/YJO2GSCQDNAtJBQhQLlzL3XxtQq7M8hhbjsWpkBHk"
    "ZslFMmhop7jlncUWyvhjV8/GsmmgDw01jVZg5A7qBqPA/4QKG8WH6adU2AiuQp544hBhC8"
    "OJmxs+zC6FvXuafMgSB8hggWu9wBIykKTYHJt/SpLYjgRqenLya8jyYPMJ5zl0giSQIQYZ"
    "YofwngIzxKDDQ9sqONYM3SQtqJu7hGOW5KYq3f9NsYmVqW6yGpgcVdOvjZmsZtL6klCKsX"
    "mcrpuiKJp6Ug2Z/d3kfdoKa5xIXrB0Jx/cncHtYjm7Hs0vBH+GO60/vB5PLwQkbxTtTrvu"
    "T/uf6QD3wyH3h+PFTX85+EIvyoplIBpKQq/Px9/YtW2g7ekbztsPXIEgrdnFlqSQks51+E"
    "gq6XcRwpxyxLwVNyNkB308NTvHyi55VXFtx3rt7ZJLOzKoRMLIFDIlj4Wk6XBx4goVue2V"
    "xmpyeIMUNc++3hK0bV/3zrMwDTIquVbveYxtMLQO3dpxYtjaOba2gSzrmah24hpZ61ysO0"
    "rYvgPyfaaise9Tisa+jxeNfdD1BxWLlnOfB+0wVdu4ymssr15R4eNX3Gq7qaVMqVNP1Ffi"
    "vWLaHJZMnYZ8kGOEaW7D5jHnFJSpFzBaCv3hYGk5SgoCRQ6BwsQrbJpIZbHxeVhEjLB1XU"
    "SKNyeBT6/i3a0ii+UTKdoBAR0x4gLCOprDo5sX1QEVPpPYWjNrPUKFz9e46pxvnZ+EnMtv"
    "GaCAVptJUiD5Gu5f8uEaJwR498bBBECLQw3NN0PBMPENltCDM8ofCkA2ZwmxhiIcYI2525"
    "vGWpkdm0DVd6dp4HGbKTsISrruL+lqYgkr3Ejikqq6NuS7DSPlFyu1bHx0Adxc5UobiRZU"
    "K4VqpWWXA9wcv7mgICAUBLwIFrqT1kh7OBaunMXumsizmJX2SJgmdI72QgTlADOVAywkZ/"
    "+gcoBN3FQ0hc8Wbf0RH10nyotPmtMZl3TCtu4zpm97jF3cIJ7Xtcwqik3cZlB08rB6ioWI"
    "D/mrKTZyi0HZu4P4/4ocAetCToC5O1ereT+UCcwAEZQJzFQm8Fi+nqdIYBM5OtQIzMvKWT"
    "zfkWi1yxsZQgiq3x2fVB/tOJMM5kzDS538p8DOPE3ZdDkrD/hFJznFBwL1KJPrDwRLX0IJ"
    "gkYFmdD7SSUIWAlKQzc5kXHZ6hCEJqguDyQ/5J2r2WxJptJ1+067HH8dXQj3yiO+0wZ9Wp"
    "kAHVRMoOAsEUP1kjgyJ+z5BK3LcSo+2Tr4WjkgjpC1DuhSkskghwHqkjXxqIS6ZMcGChZT"
    "l6zaZpxNEvnLqkzmqZwc9WCnjCZrBwGtt+gK2I5nK3C/v2jxa9AWqtQW7pFKmZso8aOYEv"
    "GN0UEl1+gBDjlKyVC3N0cJxLbiPyRyXuRDNEABgIIcXJUcHN20BWCa0a/SUEgD3+nhmgX0"
    "3KmJqhEELlHriKC7TwGJdVQCT0Wjjp1uiu7xSH7WoU4Kn7bW/onl7Ob2hqyZbjjGnXbT/+"
    "16NF1eCAZiSSPUT7H4ctkffKXOCmtNP8U7bT66up0OLwQTrxxNpmWVf75dLF1CJP+vY9ke"
    "7fy3m+VMHI5uZosxuRdO3znE81F83Ru00R3Nzq1bRsmg8QpHKPYVcLSyyRl6qPoeoQakk4"
    "okYI8JZfUxhYha52F638viJiWjkplFL+YqhUI+LTOXZCnk42bf5BKvgiRQdQQchxVA6uki"
    "uTAN0QCoYIU6hRXqeevpOxLVIuNX6whr6Gvdj6vuZ8QeCWvLOm1FUQ0e1bmLDJVpsOpjU5"
    "HWHY6VyrvTTTNNod0YsEY16fjpplijaHRKzkDCAEmd7VCHhhGen2cJIzw/T2kich4zCRlG"
    "HoS94S1Et5SuFeSJtlehKIzwz4vZNEF33pFEFWdFsoX/CqpiNdEKlAIuBSOkHvuYvrnu/x"
    "qFezCZXUb1XjrBJU+arfIw+/v/AT6pqig="
)
