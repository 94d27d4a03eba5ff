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
CREATE TABLE IF NOT EXISTS "staff_link_codes" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "code_hash" VARCHAR(64) NOT NULL UNIQUE,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "used_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "created_by_id" INT REFERENCES "users" ("id") ON DELETE SET NULL,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_staff_link__created_fde2f5" ON "staff_link_codes" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_staff_link__user_id_9f2b06" ON "staff_link_codes" ("user_id");
COMMENT ON TABLE "staff_link_codes" IS 'A one-time code that links a staff member''s Telegram account: /start link-CODE.';
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
CREATE TABLE IF NOT EXISTS "bot_messages" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "bot" VARCHAR(16) NOT NULL,
    "chat_id" BIGINT NOT NULL,
    "message_id" BIGINT NOT NULL,
    "purpose" VARCHAR(32) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "order_id" INT NOT NULL REFERENCES "orders" ("id") ON DELETE CASCADE,
    "store_id" INT NOT NULL REFERENCES "stores" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_bot_message_bot_26702e" UNIQUE ("bot", "chat_id", "message_id")
);
CREATE INDEX IF NOT EXISTS "idx_bot_message_created_03def1" ON "bot_messages" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_bot_message_order_i_1cbb71" ON "bot_messages" ("order_id");
CREATE INDEX IF NOT EXISTS "idx_bot_message_store_i_5e8e32" ON "bot_messages" ("store_id");
COMMENT ON TABLE "bot_messages" IS 'A message a bot sent about an order, kept so every copy can be edited when the order';
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
    "eJztfWtz2si29l9R8WVnqpi8CR4n2T67dhUGnDDB4AKcuXlK1ZYao2MhaXSx4332/Pe3uy"
    "WBLi0hgSQkeX2ZiaVeDTzdvXrd1/91NrqMVettX5ZNbFmdC+H/OhraYPKP6Kuu0EGGsXtB"
    "H9joXmVjkTsIu8PuLdtEkk1erJBqYfJIxpZkKoat6Bp5qjmqSh/qEhmoaA+7R46m/OVg0d"
    "YfsL3GJnnxx5/ksaLJ+Du2/D+NR3GlYFUOfV1Fpp/Nnov2i8GejTX7ig2kn3YvSrrqbLTd"
    "YOPFXuvadrSi2fTpA9awiWxMp7dNh359+u28n+r/Iveb7oa4XzFAI+MVclQ78HPvxd2zji"
    "hOZ0txMVqKYicHQJKuUXDJV3UX64F+hR9773/6+NOnsw8/fSJD2NfcPvn4t/vRO2BcQgbP"
    "dNn5m71HNnJHMIx3oJJfjdU4roM1MvnAbgki2JIvHcXWRzINXP/BDt3djtpC2SkL3A36Lq"
    "pYe7DX5M8PP6Ug+a0/H3zpz998+OkH+oE62f7uwZh6b3rsFQV7B66Nv9t5sPXHVwdtmTs3"
    "BO75u3cZ0CWjEuFl78L4ythGisuoskIcIGndBu5lwriXgnEvjrGKOFv4StVRAuP1xkfAXV"
    "GCDPB6rLUuezgFzuHs9nIyEm7mo8F4MZ5N6adsXqy/1N1L+og8UGwGwXzUn0SxJR+dC1t3"
    "PGCbAVvJxBQKkbd9h+SNrWwwH+UwZQRs2SN96/+jGJ5RqUhBfp8809QX73NTFmI5vh4tlv"
    "3rG7YClr8C/eWIvumF18V7+uZDhL1sJxF+GS+/CPRP4ffZlC2hoVv2g8k+cTdu+XuHfifk"
    "2Lqo6c8ikT13EPlPfRhDi+5Y2BRzyYkBiv3CYgPWtgBxkQrgq0eutEjR4nAs3cTKg/YVvz"
    "CMx+QbIU3CHEw9jePWm6ZZ2P7t7x3/6e7zTfS8VViCW4r8dPKDscukBv3FoD8cdRjA90h6"
    "fEamLIaQpm/0nh55sh0bf7XpbaJPkIYeGDb0V9Dv7Kt5KjbtOZYUQ8Hsu8cVwfCIbqo+SM"
    "eKpj84m1rY+WWtC0Txs4Qbx1rrT9gU2DyWsNLJPwXLJjupKyBNZg+e14q0dkcIj2TNrbed"
    "yEIVMiGopPVSSdn/c4j0/vgWak3vM0n071Mk+vdxid7wjorIGNUjfskDNpe4hcifv+9l0V"
    "ff95L1VfoujDzjOXG0f17Mpny0twRRKVSRbOG/gqpYBckoHJ31XytHkyiIwr2jqLaiWW/p"
    "5/27LF02BW4KUEgC9VF+c93/NboAg8nsMipa0gkuI4uhWCK5q5QnDq+51HUVIy2BjQfpIu"
    "tyTwjLWhCfxVcL/eVsNglBfzleRgC/vb4cESb0Q1gl8/k8aGSvWiNjElg+lSxIAjrZXp2M"
    "wVWAUrbw52kWulm1suCuqpNadok0jSkdMXXMe9NNU8Pu2RhwyjXvRHdTNCBbsVXOkU6WE7"
    "cE9ZAT6ce2R07ckIMrOmYuL2mIqHWOplKceaqiPeaB2B8P6GZBl+xyhX2t7Nw6SFKWHBYH"
    "+V2teXZQ7EKmbR2gzIQIC9BlmuPWq5Pu4mOSqrxgTT5khQNksL51Xl8wAYEJqCZqLJiAwA"
    "QEJqBXagLS7WtsWYhtkrgZaPe2m2oK0m1x4w7M6I3vC954AQmEWrCwZgvoXnfIfzVBN2Vs"
    "doVHbJA3uoCfsPkiSLpB/kPe3mMBy4TPy8LzGmuCvcYuQSeyYqV8yJ0mrZFGfqfwBiNpLc"
    "iKZSBbWmPzH5ZAXpG51vqzxQgsgmZXkBzTpB9MToCNf0hy+/9BQaTv6BzeRvG+Pf3rTzCK"
    "ndAo5i1NVvOAN7yFrun3H7LEBEQv/EBIwIeocSCw3SNSsPKQuG8DRNVZB8rfv//s9c7OPv"
    "benX34dP7Tx4/nn95tN3L8VdqOvhx/pps6tAhxiTjAXnKhH6aDBTh4AQzHJPJuroCjAEkL"
    "2ctZlsCXs+S4l7NY2Atofa9Q62OCWj6tL0gCWh/P5AyKNCjSjVCkY5ygAFBn/jztBDXI/W"
    "plnTCRFlZvQy+6qTYJOqSE6JQ/difVUp0H0MxPqpmzJcghP/vjWyg8F59DDtkQ5eY3g1AF"
    "QlUt7v9jvBMBc4apy45kc7JMLj3Kq69zrKKEwB4P6ht3lgxg1zM6IQb232VKSAO0MRDZyj"
    "whafsuVU6SvFGZHTf3po5kCVm2YOt+niP1fTjkXxtsUteHqTsPa+YC8Z9S/0s8hfLYySB4"
    "uF7SGAgM5QoMm50zNmt4doAEArRD9ssiArSRIyvYkxyyrkiQBpak8CWhbnYnoS7TSHM2MY"
    "kvGiHrUVcY2y2baGXnxL8znPevlhcCo73TFoMvo+HtZDS8ECxpjWVHxTJ5OpoOx9PPFzTy"
    "QSaLxJ4s2Z+EZtCfDkYTRiNRMFRCE72iT+MU3v6EQ2KcI7QQBlvnMFi6Ew9Z5B0ZrG+t15"
    "fw01xlB7YEcDUWfjWCM/wVOsPByAhGxsYbGcs1oZnckmTseTfddGZmrT7W3xqv/mER8dt8"
    "wuaPliJjgc4hKJqga9i1fr0VbkxFwpaATCxoNCrZfS5fCEh9Ri+WH1DMM6eV8yFcL6hfj8"
    "/d/eAFPaXdzTHkAy/2MGU1F3u1Vrlm3uwc4dr79nCzlxjmBkVcQVRqhKgU3bQFYAqVcfd6"
    "uBUbb450b1OpckymaeBVeiIHt4dXgoTuY5kupYvblSs6GFDytIQnZCqIQAKC8CkF4b8csg"
    "aKzSkrmwhtkKRNuUyFyUTu+cmzWwMUIBPFAfVYRT5Mw0SwUffLmj5nPlIs8s1AzdqzWcWi"
    "wFHdL2j6d9zxoHpBft92EzZs72bFN3xs62X2tNZDUzf4gpX3bo9gZa1FmQzLaAOlswpIkE"
    "2F2hsJa1OxRAss6KawRmQZZUHRuoJBbZFrZcWxbx4yAYQI1ktCQxvdIedB8ht3ZIQ3SgZF"
    "AaNShabb+WIvvfGtq2FZSuQluM5bZmDP4jp3L5p8cnqIBrSfOJ86RXJ+zQK8iobUxBImu0"
    "4W71/yARsnBHg5tQ+oMJnTzxYgAUihnAR42ipGtxxPm3u5F4DqcDtRO2ENSUH7cWXssjBY"
    "F/5szeKxmbds4G4JQUu+gDC9nUxOWwKloagmlkDhoxqQnKpzvTcU2riUmQDwqQyhNn7QzZ"
    "cO1xDqveumG0LZKCVj8ducHmYoN1Mf6yWUm6m83ExyqlBC9jhkCh2fKQQtewpWeKHdR8Xt"
    "PgxE0xfymRhCNGC2AbMNmG0qRrccs417rgtANagONIsTZAU2xAJzq2nBsv6KKpOpONddrm"
    "DptuEd3pdQMK36ePI1lh51x57oDx2ewh943U3V+b2BouqN3Bv+NNOwYOrPLD7JpxYsGxsX"
    "bnEzXXvCpkV1CqJcaFgVqGOdNZKxcDwW6ujZ9gdGBU0PZGL6/0Aww59geajU8uCtQNzykK"
    "WokUtbZysEubnnS/FmPh649YhMWzRoirJ8p/WHw/losRAHX0aDr/QtksnVYlki2/esztGE"
    "TDz4MluMpheCpeo2eaVbWLvTbvq/XY+mu5cGetnQC277ftJnH2ioiH3WVX/MCiKtkHJgNa"
    "RetuijlOCjWDUkR5LIz82pOQaoQG/MrjcSBmfx7B7JNr4dBYTSZQmloywuj5nPHw9mvsLN"
    "fBDV+AqjGiEAD+xi9Ye0+koM+/do0/AEO2ObCzHUa78eW4cBgpfKDV46UWyNqhBte/SENX"
    "6JtcDrbqq1jQ0U8ZOf/5Wl4ppnXv2RfDn1xVYkS2D0bhvo+xcBCQbtDa2bwkbRlB/Jp/NK"
    "qh04S8F5h2n9WFtmQqukCWuKoQ1b1GzKlT1SAn1CVGUZAipdDWgu1VxwDT8rO6uRZUsAVp"
    "bCrSyOqebZ6N7w1hkTzzMZE89TjInnkJcLFqwTmVvqpW29BmtL4yyCNTK31Gu3vg5rSy0t"
    "A/vNLScyDJgvhq0PMYsa7/BMA6EB3VTjABtKfhwbW0IODqTcnLKnILafdfMxl6q4I2mhtn"
    "jWyyBGn/USpWj6KtLFzrIwR35OBnhL0EJ4i+9m5oUr5QJ4R9JGiHufsmDc+5QMMn0XQdmt"
    "EIa/G6woHEcdxJKyQWoC4HHqqErokr/1pmngIqRgPhwNxtf9yZuzT913kRApfzl+iuneHm"
    "Z+eu9hiAepT4N4WSlkRcNtfxfXyFrnYSMBkoPYSFToPa2gUT4PIZ+4UswNC7jPU50wRgcJ"
    "kPEQmca1ZUXPSLEpRvkg7vR/6Y+XrO2qPwPtu8pCkzGNOR7Mplfj+TWLc3Y3Do08Hv16M5"
    "7TZ+QOUszDYo+Ll13cL2MdYF8NU0KXzvo0EoobVLfb8BA7eoQWVrrWKw3+ktfnL4H2cG1b"
    "dc5Zj2WX1jPOu3mmSQjzbpXjsYWA1sjxWDN02+B5bCikexvu1TvOu46Q1jfM22s7faMirc"
    "Nz5gbfd1N9ud5I0SBDM0d6q/oLUu0XwVawSZPHrTX9XQLSZIF8Aq0J+/LjCmNBViyJWp2F"
    "lW4Kim0JG7y5x6bFi/suZM70go4S+f1Q0PGk3mW2BDFYky3q/vgWeuWK9ytDQcd9LL+yGG"
    "Sff4n3vLjwZMdGhAz8GlEFxr8LRP8eEA1sStxyY4sNUtVEqFMnag3uZ72PH7aQ0z/S0F5c"
    "9yeTOOQbXbPX6otbHyZ3J7EE6tYgDCVLm1p6BmzzLbPS1jWXoW6rCyawGhgX9pvAkm0LAb"
    "CfFVtaE1a0MvUN5+LIU9dSRdqCTecVY2yk1zi9AugWLlsHsPaBRS2KR9ZKbVeyR6mFUoee"
    "PvK7ruEOx6YXet9Ns+ltNZv/kKGQntG8y7WbYkCDNP5d9F2mBOf3KQnO7+MJzoauvjzwCl"
    "Km5PLvSKq3pJ0mDqsUm9kK57cuhGjAphAz3Sia6Hqxcptt4pQAb6zpianopmJzWtIl9zwJ"
    "kACgYAM7hPuCDQxsYGADOznjAhtYPWxgTEw50lDRsoKV5Voq3GbaPBvFts12inWCjSnfLB"
    "HqpsKy2aCDSqWWCvJRmmXoZkKlg/1JiKEJKsxDlJDZyYd552o2W5K5dN2+0y7HX0cXwr3y"
    "iO+0QX/Omqt0sq1IyLyRJd82Ods2lmvbwIRQfbVSFQ3nXYzZ1dVkPCVr4NHfaf1v/fGkfz"
    "khz9ATUti3Igt1u/iNLJRjvRyyPMXnfqrIskWVJ4lfqTpK4EZBosjSrChVY+80HqzD2S1Z"
    "ROFmPhqMF2PPBLWVrNnLsMIzH/UnXJQ1TlvpvShrvN7SgHIyyrrExK4DtEsePWS61if7La"
    "5UGo611olkJ7JEhEfMMYoleym4xO2ryPo+S8gvGZVckfV9LOgXTGZgMquJ2g8mMzCZZbf1"
    "P+G1QhYyH6hhIqiEW8sM38abNcCyW22Cr3eqC4D1226mZrGBrMCGGeAxHeORtRZlft+KfD"
    "3jrfWQTFOWvHjqKEhrrayObRnv2sUXdKa2wgROmCxOmH01DWYaXurkPxm53aEVDU56QRdW"
    "0KBoj5Z7PhPdWtvju8+3Je5YBgTeNkru66a4s8hZNA9T+8OULSzq1RA9P5MZExMID1nkIB"
    "0Yquu8wkzwJQunssrjuQNjk8ghmDNmKPU1DONQmGPEAHKsHoIrcuS68kM0YJqEwoNgRqsY"
    "3XLMaPI2/O5IVHdxfO2ENcQADw88PYEJrZ5yYbXxp6ONoeovGHc4qvr2XTdNT8feqMwF78"
    "iBWa28SnP/sARTV7GgaIKuYYEdUeENEgxsWrombNCLQLthsfp0Fib7DKnuIOsHXt27Iqfm"
    "lr/zLU0uy4Xyd6c0ItDVjcOaLQTTp61zJm9ncLtYzq5HNOrVqyx5p/WH1+PphYDkjaLdad"
    "f9af8zHeCeb/J+OF7c9JeDL/ShrFgGoiUa6PP5+Bt7tr2NTh+jCdE2EG1TE2EHom1A/2pU"
    "WEjzAU1RaKFGedE1ysFEUHoOZZla2hV6ooUOuFra9l03TUtbeaNK8KTutCLD1GWHTAt60U"
    "nLgoOU9/qkPO/o5ZNKwkTV+YNqf7hAegbpud6AgjuoWncQqCRFqyS+sHg8qDe7mRp2W2UF"
    "NnxR10kzGWtPWCMn6aXDUU12L7tpuokSGrbXg3Sr0U5F+oq5dZ6QqSDNJv8W1rS9UdDb81"
    "YYYgobloVnxV4LiLaslhU6D1IFtz1o3ItU/PTpjZS8jwCl6aRK018OWYN81QeDJBBLFZPy"
    "oG9vy9RQTkBoPMEH1KXCU3vd+yFnam+ICGAFpekkqaieaFOYiP9tN2E78Q2f21oK+rRHR5"
    "qs7/XwyCDui6o3FBK7msRF08Rostg2yoHrdjwYnzlXP5HLHNrP80E8QD3hEwPOXJyRxWtT"
    "kTGWcEtd62jC2XxIAwBZbjktpjkdjCa0nib5SeqdNieS/2zw9UIg28bWpUcaafjz7WJ5PZ"
    "ouabjh/zqWvfEaep4+chBcnC3TLbO4OImEoOd0HAVJoL5RnPG5TUlyQRokKQnS5glEYAAB"
    "A0gTYAUDCBhA6o1vFgNI7AYrAN/iyiXVEdXgpZ1Q5iwmaVUX7VAzISsrqEHhMnftuDJNdR"
    "P9QdESzHTbd900E51KR4F5rpF3fDfFPKfIRIVXyBvO6U4uKB6mal0l8d75TxnsE2RUooGC"
    "vYs0iyQbXuds4WSUdxR1NiMdiPFZlmLtZ8m12s9ipdotR5KwxSsWkJY6GqCqMHG0/MuKB2"
    "uBiaNpBtIk63P1RtGK+MWHLOziQzK3+BBjFoqRix0bAGsmWFk4KhGReApYMrxhqtbBfJap"
    "0fdZSqPvs3ijb7DHv0J7fPV5HPVSvluVBF0vaI9NODi1Bu5akzjq99bMlKx774p/F52muz"
    "Xxag4tkNQhP+GPjl9ahj4nit7G0G2sSS+sb1Q0JJ3TBpROsX0YYObQH7RSxd5b0Rxizo4C"
    "1M0s6mbzOn4aWJMVt81injiRm9F0OJ5+vhA8+jttMJtejefXo+EFzXBZKeYGyzRipD/8jc"
    "aLIPnlTusvFuPPUzoEWRa5oOiIm/Hg62go3t6QuRTpkTAGx7jThqMJLUVFhxLeR6tR0bFu"
    "PMqEfQYLSVGxu2dPHmtCGywrPOU32fe4o4C8kKgpwUAvNI5ITDOQ7T9Q8VnqzMWo6+oL3d"
    "jWmrUxZpvcpLt+/tvNckb+Ml8MW6/HfvehpTzr4Pp6sUlqvTzD25E4m4oeZyJMTSaykytQ"
    "Uv5E2dsv/fGScEXxpv+bFxL3jBQWXen9VMLu+mOysAZSGHO8up0ORTIx5ZArR5NFMqf/nH"
    "I59yllfd9mlO5JVw5ieL0s6nwvWZvvxZV5xzSpCJhHmgjS1HmpD5UnsogTydJE3HZ9b+s2"
    "UnMXco8TwgUTK+LuHVpxhXFugPnEAHIMZMWSdIcw+NwAxwgB3Ci4z4hIv/mhjZIBsFFgD2"
    "O6wHH3wCrpVv7dGiYCUKOgIlk2sWWJNv6ey30VpWudA+s8kwPrPMWBdR53YPmoydhGippg"
    "50kHPEDaOsx7mTDvpWDei2Ou8ryFV6qOEjiGyvURrihBIQ6OusRtDGe3l5ORcDMfDcaL8W"
    "wadvyxl8wCv43XmI/6kyi2rt0vO7bueMA2A7Ym/stRyJEXFVmU1lh6jCOdGoPEpa8wGmn7"
    "pLHhSD5wB0UcxIihw2B9CsrEowzq1GGwZstcfBq0b6jMzdGChMDKcrAyIjSKG0VzvMrcGX"
    "d1hAo2cxxYTU/yXiT4w/WqHRVN1pdcH62YPy44Rtg6vEsJsIxG5uRAnEN6EOZ14xdhN2jv"
    "UxY/aO9TsiOUvosL+tiyxTWRIfIgHqVr3RYvPlR7GwlygEAfpQV5vtbyPISKv8JQcSgG27"
    "JV55z1WDFYP7Q4X5JAhApKd9SlT329UgQKj0s09Y2eu33OlgRUcE4tJFXPWbUnQAGAQnGp"
    "CiD9j67lRDRAAXsUykqdoqxUMGermvTAhsIakSVDyNKKp/PxYNmJ8YMCYB16caS/e9M1iy"
    "dkhTfACjNUlaKXewHQLomet/CmaiesASkoA6xMCi0A1xs6z4D8u73ABgX2DMi6KlMR3GA7"
    "UaNUrKywhlTL3HnYO7zvdZrQZVnogecMvfSor77OsYpsfoKdB/ilbl+7EzXQIpQEezwsQj"
    "Z140ikBmSeIZmmPYc+DBON9NEdmoiGj4bKm8urntdGtFgaIvlwQ7cUXphNLrjYZEN3rpYC"
    "Fmtlcjhc0f4pbUTLxpsjNxWrnzEm87SVr68Vy++EeSRKC1Zz4MtuvjbC5Up0JqYxDvQDjt"
    "xeTAaeb2drK2omflLw85FYzdkkLWVVJqYwHI0QHdlShLxsQzJAs5BUwNn7hU243M3XIuBK"
    "rzXFrsSkelP+fbmn5pS4vZ/392DuC6qiYdolGWluSyG3B7K9xoJhKhIWaLdkmuMnIIs+fR"
    "GesYmF5zXWBMUWnslTQ0USluMNmAueG2pQ16xUFdrkC8z1xrexrEQZoaLWo5MHXm94C9Et"
    "PkqxMU3Ca88eghI84ei503oiVJA+Djn5VeTkP2CR9kckm8/GHNkgNUkqTgyJUjkSpU7Rqq"
    "5mXu8SQt5oT6ncQW8BIrjSmtWwrnG4poQWVd36q2bcIKt3NrH3VwM71tXCmhMFOKVlHT/G"
    "yGOhxWHcYnDD100CuMnBBaUb3sJeliQLXMwXs88U5xaMFgPeIOjC1qh7q5tiAVuZ+kY8rq"
    "B4ZIoaJ/RCPfFYEcIj1z40QZ3tdrD0UfsB6xhq6urBdbXDM9T52A9uF8vZ9WhOFsELwiYr"
    "O7weT8myyhtFu9Ou+9P+ZzrAvWHJ++F4cdNfDr7Qh7JiGciW1uz5nC4zebaNozz9WkJLPG"
    "gqBpnihWeKB5sqZxQ7gySQkQWWU0jEbAqkkDdYbd4gWExLsJiy66cAUAtr1FhLO17wkq5X"
    "q0bbYElvPNOd96qbaq+zDfLrZZwxcG65xoKuYYGGOD5hgVIS7dgUjDV7qsmC4ZhEpiKk7G"
    "zLAq0ixguTO2ombn9IRsk2qEsY6/8IZsIqzYTb5ciqYO7Wr8ZGoUM1zMI7OvqbnAtwhg5n"
    "O/I6w92Zjz6PF0tqPTHxg2LZ1J4ymX2mdhhVf6B2mP5y2R98EW++EI3uQkC2jaS1uN1Lp7"
    "e0UM6WuwZjiKjOC1Sb4Eb83WBV6fObW8KULazR1hD7io9JuoHFtml2E8f7sNggVU22sgTo"
    "WhMZeNb7+GF7bdM/0m7sxXV/MuHYAmify/yHJkAGJ6bWJ4b+NGdzmCE6TAqVaWu9zuBveB"
    "3+hpjZ8WSWB5rrzzc8eFUA0u0OXtEBCA0Cnb80HadSdEHlB5WfvsO0Fsqhy7QlrvUiLVgX"
    "eYt1jv82mo+vxjRg6QmbCvnN8p121R+zEKYVUlT69+VkRkOgLoR7VacBUNvop99Ef+iueT"
    "WjqcdSSmukaVg9dDED5HWOdvrlS3+56N/cXAjPa2Rb5Nq+0xbXC7LAG4tFvS1mkxGLebO8"
    "2K3Tr4xh6k8K1yGYct0EaFoXxVRGWxPaEzYPwDuK1sFbShNZUNpAaatUaXPse/27X1ySp7"
    "uFBnRTVTg2NJMG1+kLXmVMwSYXjLBxLJvGS0trwdI3mAhuXeHZVGyblkDRWKkUi3wvIVCe"
    "xyuWItAb9SF2BRX+AXcam0dCjoVlWpaFeqS3UdrC/Qu5DE381sXALfBiYvJtsJWxassfnV"
    "0UvIa/U2Mqs1DTA/1nLq31Unl4LYrrP3u9s7OPvXdnHz6d//Tx4/mnd1sNNv4qTZW9HH+m"
    "2myIA+xXb1OFwQQ2faQAWDfLeNkixyP5XXnw9ccDuBnANdCLqiMOvj8vZtMEiXlHEpUxFM"
    "kW/iuoRENvINQp0FIwQpKED+mb6/6vUbQHk9llVESgE1zGQm6PyZk6RcJUx8t6yildc7Km"
    "hsxMI5NLOGoXqIcmmexTfl3u5OKaF0fkmZyqDYccfMy19j26Nj3R0WyeuSB9taO04GWu9U"
    "ojyxaxafJixpOltDBV60xDpfQoh57Cr+VMgREQjIBVGgFvkGU966Y8xxa2l/oj1jocSyBn"
    "VDfNHGh442mVQFpZm1JkyyqB+I56CfLJBjC2qLmD2cNUxdz+p4UZYtnh3j/+3qeuhUN6yl"
    "sg1zVifUGueyVyXeRQ56xWEaCAygp7Kys4FjQO3puuHthS/AoAJ1I8VKQtnhVbWidEjocH"
    "dFPVDTJUtNhYCCRv5CHvpnna4ep8fVcnFM8q3BPHCq0yVpkL1igZQAtFtCqAlPCG/Hs1TA"
    "Q7NQ4rqCRQ7K0GSkm+Ym+g5xWh53FlgQJgHXhFkW+86ZrFYLPCGxWDEiq/ca4wgDgjxOHb"
    "OwPAUK8wC6y1rVfot3zhGX923WBSzD7uoBIcy3/s7nFLdR6geuBJDUBsCWKwpvSB9ca3MA"
    "/gfe9Tlojn3qfkkGf6LhKiy21jnJwHkNDGuIIkgM6/Vo7mZmjdO4pqK5r1ln7svzvl8tjK"
    "UgOCXzPHikTIYGEKXxgLI1Naizb+zrFCL8nTBFYUJmtBtGuajXn06zId+K2JeTKbfvaHR1"
    "cjDLyyod1mHTNXpl2IqAWgVxBiDA2Bc+72AhsC09U1iPaeUNQ+UYCM0YHFMw6uYoluXfGc"
    "ezpEV+F29iX3xu5m8Ne+Qn+tY8gHLnqYsoVhqg1ddU5Yo/ftd6t+byJNzudOCpKUdF01z/"
    "YRYJ7khz/o5ks+UCNUgCt46MuBFDyf1Xo+/YNdhA8pMFWjWEFWZCNMMIP/iN1FBUB76c/T"
    "SlyDN3Zu/1HA5YyedFOhkt49ZztfetRXX+dYRQmGTA/uK2+mBsqCSZiHtqXXtM3GG04Zkj"
    "xAseZ2YzJPW5FCjqzYfsj34Th53sY+nc0LNm+WzSQTWE/IVJDGK21zAFbf3MnaurFM/KTg"
    "5yOhmrNJ2gRRBdEA20OYHBUQPKd7owPEEI+AtJBGqRtdITkqwK3UmccrtKNoYWRA8S0G3O"
    "KnHB6Y7IcOkIAPunAfNBjWW2ZihUSoCm+SULcAJhnkAjVMBBZWsLCWAylYWKu1sBq7SOMj"
    "YQ3ELDeKEWTFNcwBITz/lYTn+5aeZH08YAvar44HrVDlBe0/OhCzf9qYfbICMVRTQvbd4S"
    "3Uy4uvCAfh+vt4bmUauWEqEhYlzLWqp6gSISqoGR8LgiGw50Y1TASgxrRe3VL4FtPkjRog"
    "AUAhsPgQvltgYPGp7DY104PBcFNLSMFw037DTUOBTbHcZKgCGYxGNO0i4pIGZJ42hyUpGu"
    "3bzQ3bzAPTODhNq3E6PoRri1W2+K1GwgVxgSeMTdroA/LvDt8K6r3s7jGAbnTyvWVcru2T"
    "fgIYP09bsdbbDFmtn/74Fpo/iw9LSu4Ku793ZhM6xHZuRvPBaLqkTTNNas+6067Gv7I+mc"
    "p3XJM2mU9IdThbPJFzbMdXZ0aqPf8IXCSK5ubw5zZ6cijBUBc3cBB945AOOiFC6K9Sn0Tk"
    "eJhcjdokwSqXtsr0VnMsXkxyao0UnwSCIfm1Zyg+rJCM5NUZPQDfGD2Aza2+LRPsHI3Dpd"
    "IKcAeI4HoHP9whvB4K/EAewjF5COAlBC9hLZxZ+72EWVxZTGkuwozePKEmYwK0jDds6uPz"
    "xTf6fDtbA609p/M4BGBL8juEkd3nfYisaqnZ0H+4n0k/h/Xv+BN8EFX6IGTFYjpDbpNinB"
    "BUDpCAQQL23e95mFWQBCRgbkQnuZXyxnNuSQBSiOasxmoHPfNA8a2/4htjrQWAGopuaiew"
    "wSsFmhFW34wwoe1Bbkiz2mMaimlQmMxr+CrTVDHHKyJkr5f6I+baKULvu2lGCtMdKdp0aD"
    "YLRacveFQCo+oKjE3KwhpZayy/FdjHWoK+EnQNCxbZUD8qmmCtkYkFRCbdKOrL/wgGmYGo"
    "u2SZBNSJrFoJH3GnmfiJUMmMwv23Jdhr7I0W3piYHCFBJivM8md/eNvpZjG6gI2lShsL2w"
    "4i3QZxcJOjPcNUxYQinhbmkhPe3TPBlcBvb8dDPsohogjIjqPIbylpYy8LHrZuKK1rIAma"
    "PtgPDSNao2ipmlr7626wyhQu5V0yByxzmBKC4pqwyiZGVr6CqHHKg26jmq1t2QkIipEHY3"
    "d063oQFn/LM5WRaBi82LhkeMNUrYP5LFOrx7OUVo9n8VaP4L16hd4rg2ijWt7aGUEaiOcF"
    "z0DVngGwtRZta3WPdAGYRq16zWIEmV0DQQ54RPMjaa2osok50nm+hiJtxLzUODqvBwvXLO"
    "13Z0kzSG/bwBSdr++zNr+MDWTsn9KSS3CgHx8DdrFBqpqI7o6qTWnNZ72PH7b40j/SoF1c"
    "9yeTuGBk4++cS2ZJnibYxL3xLVDg0nSG0a/LkLoQq0G6VRkms+lnf3i0MCloc69emztFLG"
    "LNxIm2dAWp26GBeMS6QwpWB4hHrIFunC8eEUw5hZtyoABqjgjPvQVQTxmRWDPR6uiIxFO3"
    "rpljOkeHa/Vhb7rpVh86JmP84QBZa/qluzRIEJsmUgWkycK9rjmWQDQsWbGt//H+gWXB1l"
    "mY3zNSCVbC8xprAkamhmUW4BcKOyx0ZggdrJfBqfVVDAlf/XLZH3y9ECRvH99p89HVaD7v"
    "Ty62O/pOu5xNbxcX7q6OHoEsHvLiaxsS1G2HkzGbbXF21BXasgysyZ4lMs8a3Yymw/H0M6"
    "00yejvtMF8NBwvabFJn6/QVfs2+0ofeeFC9VgltDkouzlKBrnNkNsM9kSwJ4LhqwGQguEL"
    "DF81UHvB8HVawxdYZ5ptnVlgZEpr2qiFY6DZveym2WgsNszvG7PfTDN6wuYLUUVtREgEl1"
    "p4Vuy1oNgW0WwsskQCq3skvPkPNvUfvUfuSGwJiiapjozlH+KGmoLnBlNNvUw15CfyOjkl"
    "5yRsCepsoDkwIaGXKSGhl5KQ0IsnJKi6hNRcHVN2FC3E+FMGhD8l4vspiq7LbXKXnY6StS"
    "nEDYwlYCyBUsg1OkfVa/Y1E+pBs6+DylRnzb5mG/ZYzf70SqhlkZ88xxLRk90fytFFI2O6"
    "6SopGy2a/vCMEQQzDQvS2tEeaQUhpAmm+YzvBW82YTtbXO/MQ8jvGel9Y3d52FQi207HZa"
    "NcKg+vRen8Z693dvax9+7sw6fznz5+PP/0bsu446/SOPjl+DNl4iGRZr9qGl7ArMpTmKos"
    "BapNFYiCRyO7iBKhAgWKI/jhJ74D/+fFbMpHdUcRVZoUyRb+K6iKVRqwnX+tHI0VZBPuHU"
    "W1Fc16Sz/v351yb1kelhShkMIUSyaK5g11w5oQnQCSiUCfPYk+u1+aBXUW1Nm6qLP12q2g"
    "zYI2G9VmbbRaTRTtkVXq5qmyoQHdVD2WDhVVMlakjekz1+HVNfwjvdsFSiXYa2QLdBJLQA"
    "KbUtjgzT02/2EJS4Lbg4k2ApKYe+FC+H+s1TIb/+NgNhzFld0S5gdHa70crXRdc1fTDRFB"
    "Md29qiyUft13CdRdpPcxSZXpWdPg/GscIIOir3VeX1DUX6Gi7i/dPb8YerIhMkoHKmYddP"
    "a6HRyo5Vhb/ZKrse+ONejte3CNccCaae/UDMXV2j37VJq2rpsZdfRkVEETrpcmbKkOpxhh"
    "ikfXGw/67179l/0/B7T++BbGGZcSyx38ZjGYk726EbJ6uHbpx7bGtWsQQHPt/C1BC4pylt"
    "0ThOhwBHpL5Nc9TcY4Stc6qM8z8ZjzFB5zzskX4Vk9rlQdJYgdKtfWsaIEjRV5eXAOZ7eX"
    "k5FwMx8Nxouxx0O2Bgz2kj4iDxRX8J2P+pMotrwyyGnYcgsgA7Y8bKlB7T85uXCQpkLucL"
    "scVMMgipfwvC8s5s8qi1NWiLhb0r9x2WWSY5pYk3IlSAZpqtzTi2FF8kUW8SJZuohdd/gB"
    "qbTJVRzj9Pr0IcLqwk/ffyoL5eIK1OsG1shHiWvdMXOFn8YIQVUpXFXxK8aJ90ae2l5RMq"
    "jtFdv1rCSEhf/KgWqIBiCNQqpYIiJn8YnDnC91XcVISzCFBukisN4TwrJw9W151bKJy9ls"
    "EmITl+Noa4vb68vR/M37H8JSNKRcg+ebTOEY8oGLHqZsYdRSQ1edE+WybQYWc7zta69GtD"
    "XTpomXiqHw84nytFnr09nm/mQN3BJJXtHQkbpHGvlRR0J1ySZpLUS6LW6wZREN6licdPva"
    "nai1WJlIk49Fic7RVoAktDGQ8qAdidHAm6a9MJnH8u8BmaK98FhrUTZ1nmKcDyNrPSTTtB"
    "cnGz/opnIs4x6487y0Fqc1lh51x/YrKR6BlDeTV7qxlWCpVCAUk3LWc6HFpho9ZRMw6+km"
    "2wOW+WIQ0V7GRClQjoaLTTZ052rr9jJUdLR04Fi2vsHmDZmqrTBRb+iRMA2xqtCirb97jt"
    "U2wiSb9CceCxSbpN0QidZaWR3LoFygFnSmtqKFN4aqv+Bjz97Im6atMK3QE5E77WNhuvKm"
    "aStMikZlH51XWTkPTOPgNK3G6XgJfYtVi0V05q088uhl7QvQXIDEtWIdf/YYTgvW7+zLbr"
    "42gkYlc9F6Vmxarv840KhkvmAztfgUev1Wj4WqyLa0tQVJRI6sFGB/8dDq09lavLWekKmg"
    "o80vHljf3MnaihXZYRt9V8TnKLg2ul85qL1ImVgmSg79gCLwmm9naytqJn5S8PORWM3ZJO"
    "2FaNtL+hiI/KbVbYQo3MrpcJRCnaPaCFS4sPgxQMXLmrfQAWGp+rFiwlLZ4AWZpq076gmv"
    "FUk9Vjr45s7SVpCekariY3fSL2ySdkMkkgGahaQCBCgXruVuvjYhV2YpkS3H4lQTCXKz5I"
    "IiNAxW3PLOYouK/LGr3MsKcrJigtFeE9xB3WDE/J9QjaT4lIaUaiTBVcgTex0ibGHodXND"
    "rdmjsHdPkw8qCrojgwWu9QJLyECSYnNs/ikJdTsS6F7CyUUiy4PNJ5zn0gmSQDYdZNMdwn"
    "sKzKaDXpZt61VRM3STtKBu7mYVWRLBqnT/N8UmVqa6yaqGclRNv5posppJK51C2crmcbpu"
    "iqJo6kn1dkaas4nxubBcpFdecUfygqU7+eDuDG4Xy9n1aH4h+DPcaf3h9Xh6ISB5o2h32n"
    "V/2v9MB7gHh7wfjhc3/eXgC30oK5aBaCgJfT4ff2PPtoG2eYvNvP+QodrM+6jmsSs3Q19F"
    "ylQ9cAWCtLaeW5JCKovX4ZBU0tkzhDnliHmrk0bIDjo8NbvHyi4PVnEdzHrt7ZLLYDKoRM"
    "LIFDIlj4Wk6XBx4goVue2TxmpyeIMUNc++3hK0bV/3zrMwDTIqua7xebxvEkXr0K0dJ4at"
    "nWNrG8iynolql7s5WIywfRfk+0wFdt+nFNh9Hy+w+6DrDyoWLec+D9phqrZxlddYir6iIt"
    "GlFKLPX/4Vyr5mL/tKnXqivhLvFdPmsGTqNOSDHCNMcxs2jzmnoEy9gNGy8Q8HS8tRUhAo"
    "cggUJl5h00Qqi43PwyJihK3ruFK8OQl8ehXvbhVZLJ9I0Q4I6IgRQx/QWkd1QDXUJLbWzL"
    "qYUA31Na4656zzk5Bz+S0DFNDxNUkKPKCfbpwQ4N0bBxMALQ41tCsNBcPEN1hCv9IofygA"
    "2ZwlxBqKcIA15m4FG2v7dmwCVd+dpoHXbabsICjpur+kq4klrHAjiUuq6tqQcxtGyi9Wat"
    "n46AK4ucqVNhItqFYK1UrLLge4OX5zQUFAKAh4ESx0J62RdnTHhZzF7prIs5iV9kiYJnSO"
    "9kIE5QAzlQMsJGf/oHKATdxUNIXPFm39ER9dJ8qLT5rTGZd0wrbuM6Zve4xd3CCe17XMKo"
    "pN3GZQdPKweoqFiA/5qyk2cotB2buD+P+KXAHrQm6AuTtXq3k/lAnMABGUCcxUJvBYvp6n"
    "SGATOTrUCMynQivao1sgV/TiYY6EzUar1YRMmrFYbrMxqxarRnItP2D0SKza5e4OIQTlFY"
    "+v2hBtaZQM5kzDS538p8DWT03ZdDlLW/hVTTnVLQIFT5MLXARrq0KNi0ZFMdH3STUuWI1T"
    "Qzc5oZfZCl2EJqgu0Sg/5J2r2WxJptJ1+067HH8dXQj3yiO+0wZ9WvoCHVStouA0JEP1so"
    "QyZ4T6BK1Lois+mz/4tXJAHCFrHdClZCtCkgwUvmviVZkS8AuF7zJFohZT+K7abq9NEvnL"
    "Kn3nqZwc9WCnjCZrBwGtt+gS645nK3DPX7S6OmgLVWoL90ilzE2U+GFyifjG6KBUcPQChy"
    "S4ZKjbmwQHYlvxB4ncF/kQDVAAoCAHVyUHRzdtAZhm9Ks0FNLAOT1cs4CmTjVRNYLAJWod"
    "EXT3KSCxll3gqWjUtdNN0T0eyc861Enh09baP7Gc3dzekDXTDce40276v12PpssLwUAsK4"
    "n6KRZfLvuDr9RZYa3pUbzT5qOr2+nwQjDxytFkWrf759vF0iVE8v86lu3Rzn+7Wc7E4ehm"
    "thiTd+H8sEM8H8UXVkIb3dHs3LpllAw6+3CEYl8BRyub3KGHqu8RakA6qQoH9phQVh9TiK"
    "h1Hqb3vSxuUjIqmVn0Yq5SqBTVMnNJlkpRbnpXLvEqSAJlbcBxWAGkni6SC9MQDYAKVqhT"
    "WKGet56+I1EtMn61jrCGTut+XHU/5fpIWFvWyi2KavCqzl3FqkyDVR+birTucKxU3ptumm"
    "kK7caANapJ1083xRpFo1NyBhIGSOpshzo0jPD8PEsY4fl5Spea85hJyDDyIOwNbyG6pbRF"
    "IZ9oeyWwwgj/vJhNE3TnHUlUcVYkW/ivoCpWE61AKeBSMELqsY/pm+v+r1G4B5PZZVTvpR"
    "Nc8qTZKi+zv/8/Xmqfvg=="
)
