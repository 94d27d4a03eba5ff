from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "address_counters" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "network" VARCHAR(32) NOT NULL UNIQUE,
    "next_index" INT NOT NULL
);
COMMENT ON TABLE "address_counters" IS 'The next derivation index per network: one row, locked while an address is made.';
        CREATE TABLE IF NOT EXISTS "pending_registrations" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "phone" VARCHAR(32) NOT NULL UNIQUE,
    "email" VARCHAR(254) NOT NULL,
    "password_hash" VARCHAR(100) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "locale" VARCHAR(8) NOT NULL,
    "referral_code" VARCHAR(16),
    "expires_at" TIMESTAMPTZ NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_pending_reg_created_2b2fb6" ON "pending_registrations" ("created_at");
COMMENT ON TABLE "pending_registrations" IS 'A sign-up waiting for its phone code. No account exists until the code confirms it, so';
        CREATE TABLE IF NOT EXISTS "crypto_transactions" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "txid" VARCHAR(128) NOT NULL,
    "amount" DECIMAL(38,0) NOT NULL,
    "confirmations" INT NOT NULL,
    "late" BOOL NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "deposit_id" INT NOT NULL REFERENCES "crypto_deposits" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_crypto_tran_deposit_546c20" UNIQUE ("deposit_id", "txid")
);
CREATE INDEX IF NOT EXISTS "idx_crypto_tran_created_67afe8" ON "crypto_transactions" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_crypto_tran_deposit_ea0ebf" ON "crypto_transactions" ("deposit_id");
COMMENT ON TABLE "crypto_transactions" IS 'One on-chain payment seen to an invoice''s address, with its confirmations.';
        CREATE TABLE IF NOT EXISTS "order_events" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "kind" VARCHAR(24) NOT NULL,
    "actor_role" VARCHAR(16),
    "data" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "actor_id" INT REFERENCES "users" ("id") ON DELETE SET NULL,
    "order_id" INT NOT NULL REFERENCES "orders" ("id") ON DELETE CASCADE,
    "store_id" INT NOT NULL REFERENCES "stores" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_order_event_created_ecd30c" ON "order_events" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_order_event_order_i_a85faf" ON "order_events" ("order_id");
CREATE INDEX IF NOT EXISTS "idx_order_event_store_i_835c79" ON "order_events" ("store_id");
COMMENT ON COLUMN "order_events"."kind" IS 'ID_CHECKED: id_checked\nHANDOVER_REFUSED: handover_refused';
COMMENT ON COLUMN "order_events"."actor_role" IS 'CUSTOMER: customer\nADMIN: admin\nMANAGER: manager\nDISPATCHER: dispatcher\nDRIVER: driver';
COMMENT ON TABLE "order_events" IS 'Something that happened to an order without moving its status (the ID check at';
        CREATE TABLE IF NOT EXISTS "profile_changes" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "field" VARCHAR(32) NOT NULL,
    "old_value" VARCHAR(100) NOT NULL,
    "new_value" VARCHAR(100) NOT NULL,
    "reason" VARCHAR(300) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "actor_id" INT REFERENCES "users" ("id") ON DELETE SET NULL,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_profile_cha_created_de11d4" ON "profile_changes" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_profile_cha_user_id_07bac4" ON "profile_changes" ("user_id");
COMMENT ON TABLE "profile_changes" IS 'Audit of a staff member changing a customer''s profile fact (e.g. the date of birth).';
        CREATE TABLE IF NOT EXISTS "slot_rules" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "weekday" SMALLINT NOT NULL,
    "start" VARCHAR(5) NOT NULL,
    "end" VARCHAR(5) NOT NULL,
    "length_minutes" INT NOT NULL,
    "capacity" INT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "store_id" INT NOT NULL REFERENCES "stores" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_slot_rules_created_948bca" ON "slot_rules" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_slot_rules_store_i_4b886b" ON "slot_rules" ("store_id");
COMMENT ON TABLE "slot_rules" IS 'A weekly rule the slot generator turns into time slots: on `weekday` (0 = Monday),';
        ALTER TABLE "crypto_deposits" ADD "sealed_key" VARCHAR(512);
        ALTER TABLE "crypto_deposits" ADD "required_confirmations" INT NOT NULL DEFAULT 1;
        ALTER TABLE "crypto_deposits" ADD "rate" DECIMAL(24,8);
        ALTER TABLE "crypto_deposits" ADD "derivation_index" INT;
        ALTER TABLE "crypto_deposits" ADD "currency" VARCHAR(3) NOT NULL DEFAULT 'EUR';
        ALTER TABLE "crypto_deposits" ADD "amount_cents" INT NOT NULL DEFAULT 0;
        COMMENT ON COLUMN "crypto_deposits"."status" IS 'AWAITING: awaiting\nCONFIRMING: confirming\nPAID: paid\nUNDERPAID: underpaid\nOVERPAID: overpaid\nEXPIRED: expired';
        ALTER TABLE "delivery_zones" ADD "eta_minutes" INT;
        ALTER TABLE "orders" ADD "deliver_after" TIMESTAMPTZ;
        ALTER TABLE "outbox" ADD "order_key" VARCHAR(64);
        ALTER TABLE "products" ADD "tax_rate" DECIMAL(5,2);
        ALTER TABLE "stores" ADD "closed_dates" JSONB NOT NULL;
        ALTER TABLE "stores" ADD "referral_reward_cents" INT NOT NULL DEFAULT 0;
        ALTER TABLE "users" ADD "referral_rewarded_at" TIMESTAMPTZ;
        COMMENT ON COLUMN "wallet_transactions"."kind" IS 'TOPUP: topup\nPAYMENT: payment\nCASHBACK: cashback\nREFUND: refund\nADJUSTMENT: adjustment\nCRYPTO_DEPOSIT: crypto_deposit\nREFERRAL: referral';
        ALTER TABLE "crypto_deposits" ADD CONSTRAINT "uid_crypto_depo_network_9ab2c9" UNIQUE ("network", "derivation_index");
        CREATE INDEX IF NOT EXISTS "idx_outbox_order_k_a806fe" ON "outbox" ("order_key", "status");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP INDEX IF EXISTS "idx_outbox_order_k_a806fe";
        ALTER TABLE "crypto_deposits" DROP CONSTRAINT IF EXISTS "uid_crypto_depo_network_9ab2c9";
        ALTER TABLE "users" DROP COLUMN "referral_rewarded_at";
        ALTER TABLE "orders" DROP COLUMN "deliver_after";
        ALTER TABLE "stores" DROP COLUMN "closed_dates";
        ALTER TABLE "stores" DROP COLUMN "referral_reward_cents";
        ALTER TABLE "products" DROP COLUMN "tax_rate";
        ALTER TABLE "delivery_zones" DROP COLUMN "eta_minutes";
        ALTER TABLE "crypto_deposits" DROP COLUMN "sealed_key";
        ALTER TABLE "crypto_deposits" DROP COLUMN "required_confirmations";
        ALTER TABLE "crypto_deposits" DROP COLUMN "rate";
        ALTER TABLE "crypto_deposits" DROP COLUMN "derivation_index";
        ALTER TABLE "crypto_deposits" DROP COLUMN "currency";
        ALTER TABLE "crypto_deposits" DROP COLUMN "amount_cents";
        COMMENT ON COLUMN "crypto_deposits"."status" IS 'AWAITING: awaiting\nSEEN: seen\nCONFIRMED: confirmed\nEXPIRED: expired';
        ALTER TABLE "outbox" DROP COLUMN "order_key";
        COMMENT ON COLUMN "wallet_transactions"."kind" IS 'TOPUP: topup\nPAYMENT: payment\nCASHBACK: cashback\nREFUND: refund\nADJUSTMENT: adjustment\nCRYPTO_DEPOSIT: crypto_deposit';
        DROP TABLE IF EXISTS "profile_changes";
        DROP TABLE IF EXISTS "slot_rules";
        DROP TABLE IF EXISTS "address_counters";
        DROP TABLE IF EXISTS "crypto_transactions";
        DROP TABLE IF EXISTS "pending_registrations";
        DROP TABLE IF EXISTS "order_events";"""


MODELS_STATE = (
    "eJztfW132kjS9l/pw5fJnMPkTnCceL377DkYcMIEGx/AmZkdz9G0pcbotpAYvdjx3rv//e"
    "luSaCXlpBAAkmuLzOx1NXA1a1S1VXVVf/XWhoK0ay3XUUxiWW1ztH/tXS8JPQf0Vtt1MKr"
    "1eYGu2Dje42Pxe4g4g67t2wTyza9MceaReglhViyqa5s1dDpVd3RNHbRkOlAVX/YXHJ09S"
    "+HSLbxQOwFMemN3/+gl1VdId+J5f+5epTmKtGU0NdVFfbZ/Lpkv6z4taFuX/KB7NPuJdnQ"
    "nKW+Gbx6sReGvh6t6ja7+kB0YmKbsOlt02Ffn30776f6v8j9ppsh7lcMyChkjh3NDvzce2"
    "lzrSVJ1+OZNB3MJKmVAyDZ0Bm49Ku6i/XAvsJPnfcfPn04O/n44YwO4V9zfeXTf92P3gDj"
    "CnJ4rmet//L72MbuCI7xBlT6q4kWx7W3wKYY2LVABFv6paPY+kimgetf2KC72VFrKFtlgb"
    "vE3yWN6A/2gv758UMKkt+6k96X7uTNxw8/sg806PZ3H4xr706H32Jgb8C1yXc7D7b++MNB"
    "W+bODYF7+u5dBnTpqER4+b0wvgqxseoqqqwQB0Qat4E7mTDupGDciWOsYcEWvtQMnKB4vf"
    "ERcOdMIAO8nmqtyh5OgbM/vr0YDdDNZNAbTofja/YpyxfrL21zk12iF1SbQzAZdEdRbOlH"
    "58LWHQ/YZsBWNgmDQhJt3z69Y6tLIkY5LBkBW/FE3/r/KEZnHNSkoL9PGevai/e5KQsxG1"
    "4NprPu1Q1fActfge5swO50wuviXX3zMaJe1pOgX4azL4j9if41vuZLuDIs+8Hkn7gZN/tX"
    "i30n7NiGpBvPErU9NxD5V30YQ4vuWMSUctmJAYntxmIN1rYAc5EZ4PNHobXI0BJoLMMk6o"
    "P+lbxwjIf0G2FdJgJMPY/j1pumXtj+1987/tXN55v4ee2wBLcU/en0BxNXSfW60163P2hx"
    "gO+x/PiMTUUKIc3uGB0jcmU9Nn5r2VlGr2AdP3Bs2K9g3zns5vUMR7e545XkCPoj2hn8QY"
    "oGH5zNLWzNFgTp1MhFCjHVJ8wuI76YaEVMesd+NszHc2ToBJnGcxtphvxIFPS8UDWCsI68"
    "T0WqhZZYIW9bkYUr5QPAZa2Wy+qtYh6rPyBSjNV/XIBDVv9JJ4PRf9JJtPnZrbDpxB4gif"
    "+0HLs3LFTWuzRuob6r8C6OvUmPpPk1YtoTIqsrlfC3Vlzzh0eka342VjL9wRk1/y8LA1H9"
    "aaEbx1oYT1QZ83ksNDfoP5FlUxuiTTWwwi9QfSwv3BHoka6+Fdf0RUwImr1imh27/lRmte"
    "6NbyBf9j4Tl/M+hct5H+dyVt6jInET9ZG85AFbKNxA5E/fZ3mh0lHJTOX72CuV65w42j9P"
    "x9ditNcCUf5BlW30H6SpVmlv1NY/5o4uc9P53lE1W9Wtt+zz/lkWi5kCNwMoxD34KL+56v"
    "4aXYDeaHwRJRXYBBeRxVAtib6r1CeBrrkwDI1gPUGNB+Ui63JPBctaEF/FHxb6i/F4FIL+"
    "YjiLAH57dTGgSujHMBnn63ng4l41F8ctsHxkXFAE2LitbByHqwA6burPUy90s/JxwV1VJU"
    "LuAuu6mIjz7rTT3LB7PgbSMer3RLdTPCBbtTXBI51sJ64FqmEnso9tjp24pA+u5Ji58mNC"
    "Qo1LMSgljUNT9Vxsrj8e0M2CLt3lKv9a2bV1UASY3Kg3Q80p07Z2cGZCggX4MvVJ6KiS7+"
    "Jjkuq8EF3ZZYUDYrC+VV5foICAAqqIGwsUEFBAQAG9UgrIsK+IZWG+SeI00OZuO5UKMmxp"
    "6Q7MGI3vIm88wohKI4voNsL3hmOzJCjDVIjZRo9kRe8YiDwR8wXJxor+h969J4goVM+zrC"
    "miI3tBXIFWZMVK+ZA7XV5gnf5O9IZgeYEU1VphW14Q8wcL0Vt0roXxbHEBi6LZRrJjmuyD"
    "6RNgkx+Twv6/MxDZPTaHt1G8b8/++gNIsSOSYt7SZKUHvOENDE2//5glJyD6wg+kBHyMkg"
    "OB7R6xgtWHxH0bEDocO1D+/v1bp3Ny8qnz7uTj2emHT59Oz96tN3L8VtqOvhh+Zps6tAhx"
    "izigXnKhH5aDBdh5AVaOSe3dXAlHAZEGqpfiM0nB63uFXh831PJ5fUER8PpElDM40uBI18"
    "KRjmmCAkAd+/M0E9Sg9qsUO2FiPezehm60UzkJNqSE7JTfN0+qpTkP4Jkf1TPnS5DDfvbH"
    "N9B4Lr56CJyGKLeyBRhVYFRV4v2/T3QiQGeYhuLItuCUyYUnefl1QjSckNjjQX3jzpIB7G"
    "pmJ8TA/m+ZFlIPL1eYbmWRkbS+l2onyd6ozIGbe9PAiowtG9mGf86RxT4c+q8lMVnowzSc"
    "hwUPgfhXWfwlfoRy38kgebha1hgYDOUaDMtNMDZrenZABBK0Q/xlEQna2FFU4lkOWVckKA"
    "NLUviSsDC7k1CRb6A7y5jFF82Q9aQPmNutmHhu58S/1Z90L2fniMve6dPel0H/djTonyNL"
    "XhDF0YhCrw6u+8Prz+cs80Ghi8SvzPifVKbXve4NRlxGZmBoVCb6ij5OUHj9E3bJcY7IQh"
    "psldNg2U7cZZE3YrC+lV5fqk9zlR1YC8CrsfBXIwTDX2EwHEhGIBlrTzKWS6GZwpJk/Ho7"
    "nTozs1Yf667Jqx8san6bT8T8yVIVgtgcSNV5QUiO0Ft0Y6oysRA2WSVJVleMX1fOEdae8Y"
    "vlJxSL6LRyPkQYBfUrsbq7H6Kgx+TdnJWy44s9LHmYF/thWbl6vtkFxrX37eHNXmKaG5Tv"
    "BlOpFqZSdNMWgCnURN8a4VZtstwzvM2syiGdpoav0iMFuD28Eix0H8t0K11ar1zRyYCy5y"
    "U8YVPFFBIwhI9pCP/l0DVQbUFZ2URogyJNOstUmE3kPj95dmtAAmyiOKCeqsiHaVgINup2"
    "W9PXzHuaRT4NVK89m9UsCjyq2w1N/x23P6hekt+3zYQ127tZ8Q0/ttWiPa1F3zRWYsPKu7"
    "fFsLIWkkKHZeRA2awII8VUGd9IVZtGZFZgwTDRAtNlVJCqt3mbHGuhzgX85i4TQIpgtSw0"
    "vGT9miTZb9yREd6oGBQFjFoVumHny730xjeuhmUpmZcQOm8YwZ4ldO6+aPLZ6SEZ8H7ieu"
    "oYh/MrluBVNKQmkQnddYp0/5IP2LggwCuofcCMyZxxtoAIQArlJCDSdmB0y4m0uS/3AlDt"
    "rydqJqwhK2g7rlxdFgbr1J+tXjo285YNvFtC0NIvgK5vR6PjlkCpKaqJJVDEqAYsp8OF3m"
    "sKbdzKTAD4WESoTR4M86UlJEK9e+10IpSPUjMWv80ZYYZyM9VhL6HczMHLzSQfFUo4PQ4n"
    "hfY/KQQtewp2eKHdx4HbfawwO76Qj2IIyQBtA7QN0DYHRrcc2sZ9rgtANegO1EsTZAU2pA"
    "Jzu2nBsv6qptCpBK+7XMnSTcM7vC+hYNrh88kXRH40HHtkPLREDn/gdjvV5/cGSpo3cmv6"
    "01gnyDSeeX6SL40sm6zO3eJmhv5ETIv5FNS50ImGWGCdN5KxSDwXau/ZtidGBakHOjH7fy"
    "CZ4Q9gHg7KPHgrEGceshQ1cmWrzELQN/dkJt1Mhj23HpFpSyt2RFm507v9/mQwnUq9L4Pe"
    "V3YXK/TVYlkS3/e8ztGITtz7Mp4Ors+RpRk2vWVYRL/Tb7q/XQ2uNzdX+GXJXnDr+6Mu/8"
    "CVhvlnXXaHvCDSHKs7VkPqZMs+Skk+ilVDcmSZ/tycnmNACvzG7H4jVXCWiPdI5vg2EpBK"
    "lyWVjqm4PDSfPx5ovsJpPshqfIVZjZCAB7xY9SE9fCWG7Xu0bngCz9jkQgzV2q/71mGA5K"
    "Vyk5eOlFujqdTbHjwRXVxiLXC7ncq28YESefLPf2WpuObRqz/RL6e92KpsIS7vtoG+f0EY"
    "rVhvaMNES1VXf6KfLiqptuMsBZ87TOvH2jAK7SBNWFOINmIx2lRoe6Qk+oSkyiICDroa0F"
    "yqvuCu/FPZWUmWtQCwLIWzLI6p5dno3vDGkYmnmcjE0xQy8RTO5QKDdSS6pVre1mtgW2rH"
    "CFaIbqnWbn0dbEslmYHtdMuRiAHzZWUbfcKzxlsiaiA0oJ1KDvCh9MfxsaWcwdGJ/WyYj+"
    "6CmeoTT8mS+NrDiZzjthzcrExmT3Ij0kBn8qSTwco+6SQa2exWpMmdZRGBeZ0M8FqggfAW"
    "3+zMy2bKBfBGpIkQd86yYNw5SwaZ3YtknUTVdnZVLBIFm1cQBSeYtd17JIIj0WnMaVBqp+"
    "1cNVzDtMf7LAqZjkqmPd7HVTJU0Sup2DFveyPn2sFBmQOydoPbyWGIu5MsBkWyPRHduwwI"
    "AVlHZHWJtYQUSyysVai4Mm892fppihRg+4Pe8Ko7etP50D6LJK36mH+IsaHe802+r3hh1J"
    "woC6T3BrxqlkYGxE/O2u/yIu6XuNgN8aD0cRAvSz0XDbf9XVpga5FHOwdECjEujutNl28o"
    "m+QvRzWpRUY/eq6aS2745jEykic4nLnxvi7mxo4YHxHaulhyNewDj5+xajOM8kHc6v7SHc"
    "54n3d/hju9N76+HE6u+FVvt/DrN90hO+6EVeVOv73uDybuBYd+L9O9Ov7mXzSe/GuDX2+G"
    "E3YuihoH7Nlu7aKtCmdO3C9j7RD8DUtCC/HqdDmMR3u93btbkD8iCytd6ZWGZI7Xl8wBvW"
    "ubtuqCZz1W+qKah9DqFxiFM2iNyopqIKAVyoqqGLpNSIuqKaRbuwFX+xBaFSHd6wxagOE1"
    "sW5hOYEQy1U8jKeFzTbz1dACPE6JrBhwifl5EXS35uhFVzdb1SxD/0le0F/vV+9BFiE6sg"
    "2EdaTqT4Yqkx8svypQGz2r9gKptoVCLKm4hFZxUwvzBpVN/qL9nT4bkCt4zFxBvgQxWNNC"
    "R+Ue52tajpUbztwpBgrB5gzRT4gWlebqacKklNQCa77IAaurra/UtrwaULwNI/uA4n2Nq5"
    "6F4vVs35ztU0NCwKFt5dACHsae9ETsxFW9cM7KU4R3mJj9OdKZOMeyjSUxbzQsdrmD99up"
    "3rY3UlrRoZnr5WjGC9bsF2SrxGQleK0F+13UE1YQ/QTWWe/lpzkhSFEtmdnsaG6Y3Bleku"
    "U9MQUedkFzprfFkunvB8f6qI41X4IYrCkZ8974BjrWxR+/g7ZY23S+COpy6uV6+ku6F1XX"
    "Sfa/I2LgfkfdQv9dIPnvAWlFTFnYtGW6xJqWYj+mTNQY3E86nz6uIWd/pKE9veqORnHIl4"
    "ZuL7QXt8p+7pNkCdKNQRgavwHDBAxTJbiGqlaEqtrqQq5OBdiF7bk6WZIgrGfVlhdUFc1N"
    "Yyl4ceTpDqZhfcqn81pa1TK9Pb2P2hou2wCwtoHFUp/2zKxpVsmsUnNp+p4/8i9DJy0Bpx"
    "e6307j9Naezb/p0BKKXAGBdswqVlAMeZ2ZkqlM7PuUMrHv42ViV4b28iBq65VSEXkjcngm"
    "7ThJKaVwZnOSn10IyQCnEKNuVF1y021z0zZxSYA3Ci+hSpoC5dgkD7QRKSgQFgd2ZaqGqd"
    "qC4kqJqAZFYKcCubjLaw3IRSAXgVw8uuICcrEa5CK3//ZkgBrWT61cCshkvE1LRP64d9qp"
    "tA8fUz7fE0io8mof/QEU0EEPJ7GjcSvDTKi0vb1kVWiCA1atkrHZyod563I8ntG5DMO+0y"
    "+GXwfn6F59JHd6rzthSYLufDl5oyznmZJPM8XOMtWwfJgxn2uqTvIuxvjycjS8pmvgyd/p"
    "3W/d4ah7MaLX8BNW+beiC3U7/Y0ulGO97LI8xVf/0rBlS5rIEr/UDJygjYJCkaWZM6navt"
    "OEh8zGt3QR0c1k0BtOhx63t7as+c2wwzMZdEdClN2adDlRdoUA5cwoG7JbZT6/dymSh1pn"
    "1TkcE3cqV461YPUVJV6KImfNfKFw8xoGllE5HygzoMwq4vYDZQaUWXau/4ksVLqQ+UANC0"
    "FMqpI13mpPawCzWz6zK1AFBcD6bTNTvdRAVmDDCnCPumTsDJekiNuq56pKRufp02nKsheP"
    "nV5qLdS5KCUlD0YuLz5lMzUVJgjCZAnCbKtqOdbJzKD/yajtdq1pedQXdFZNt7WkZdERLf"
    "f5TAxrrR/fbbEtaaMyIKO5VnZfOyWcRZ9Fcze3PyzZwJo/NfHzM9GYhEK4yyIH5YCorvIK"
    "c8OXLpzGmwLmzjhOEodkzhhR6nsYq11hjgkDyLFCE67Jka8mWVAGqEloPQE02oHRLYdGU9"
    "bpd3uiusnjayasIQW4e+LpESi0atqFh80/HSxXmvFCSEvgqq/vtdP8dOKNylxJkD4w87lX"
    "wu8HC5mGRpCqI0MniD+i6A1GK2Jaho6W+AU9G+YjL/xnEbrPsOYOsn4UFRQscmphXUGfaX"
    "JVLtQVPCaJwFY3Dmu2FExftspHpFu92+lsfDVgWa9eyc47vdu/Gl6fI6wsVf1Ov+pedz+z"
    "Ae7zTe/3h9Ob7qz3hV1UVGuFWe0Ldn0y/Mavrd9Gx8/RhGwbyLapiLED2Tbgf9UqLaT+gK"
    "Y4tNClrugudUARlH6Gskwv7RI/sUIHQi9tfa+d5qXNvVElRFI3XtHKNBSHTgt+0VHrrYOV"
    "9/qsPO/Ry2eVhIUOFw+q/MMF1jNYz9UGFMJBhw0HgUtStEviG4v7g3qzmalmb6uswIZf1F"
    "XyTIb6E9Hpk/TSErgmm5vtNN9EDQ3bGkG61VkLKGPOwzpP2FSxbtN/owXrGxWM9rxFfcJg"
    "I4rbmhmzxsyKyubBGnK7B8ajSMVPn96hyvsIcJqO6jT95dA1yFd9MCgCuVQxKw/aejbMDR"
    "UkhMYP+IC7VPjRXvf9kPNob0gIYAWn6ShHUT3TpjAT/9tmwmbiG35uK2nos+Ynaba+1xwl"
    "g7kvad5QONhVJy2aZkbTxbZxDlzX44F8Frz6qV3msEapD9IO7olYGHAW4owtUf+PjLmEa+"
    "lKZxOOJ32WAMjPlrNimte9wYjV06Q/SbvTJ9TyH/e+niO6bWxDfmSZhj/fTmdXg+sZSzf8"
    "X8eyl16n1ONnDkKIs2G+ZZYQJ7UQjJyBo6AI1DeKKz6320suSIMiJUFaP4MICBAgQOoAKx"
    "AgQIBUG98sBEjsDVYAvsWVS6oiqsGXdkKZs5ildbhsh4oZWVlBDRqXuWvHlUnVjYwHVU+g"
    "6db32mkUncZGAT1Xy3d8O4WeUxXqwqv0juDpTi4oHpZqXCXxzumHDPwEHZVIUPB7kS6cdM"
    "Mbgi2cjPJGoso00o4Yn2Qp1n6SXKv9JFaq3XJkmViiYgFpR0cDUgc8OFr+y0oEa4EHR9MI"
    "0iT2+fCk6IH0xccs6uJjsrb4GFMW6iqXOl4BrJlg5emo1EQSOWDJ8IalGgfzSaYO6icpHd"
    "RP4h3UgY9/hXz84c9xVMv5btQh6GpBu++Bg2N74C6bJHC/1zRTsu+9Kf5d9DHdNcWrO6xA"
    "Uov+hN9bfmkZdp06esuVYRNdfuF9o6Ip6YI2oGyK9cWAMof+oAd17L0VzWHmbCTA3czibt"
    "av4+eK6IrqtlnMkydyM7juD68/nyNP/k7vja8vh5OrQf+cnXCZq+aSKCxjpNv/jeWLYOXl"
    "Tu9Op8PP12wItiz6gmIjboa9r4O+dHtD51LlR6oYnNWd3h+MWCkqNpTqPlaNio1181FG/D"
    "N4SopG3D179FwT1mBZFTm/ybHHjQScC4lSCSv8wvKIpDSCbPsDFZ+lylqMha6+sI1tLXgb"
    "Y77JTbbrJ7/dzMb0L/NlZRvV2O8+tExn7VxfLzZJpZenfzuQxteSp5moUlOo7eQalEw/Mf"
    "X2S3c4o1pRuun+5qXEPWOVZ1d6P5Wqu+6QLuwKq1w5Xt5e9yU6MdOQc0dXJDqnf51pOfcq"
    "U33fxkzuyVB3UnidLO58J9mb78Sdecc0mQmYx5oIylR5qXe1J7KYE8nWRJy7vrcNG2u5C7"
    "nHBeEFEyvi7j200pyQ3ACLhQHkGMiqJRsOVfC5AY4JArhRcJ8xtX7zQxsVA2CjwO6mdEHj"
    "boFVNqz8uzUsBKBGQcWKYhLLkmzyPVf4KirXuADWaaYA1mlKAOs0HsDyUVOIjVUtgedJBz"
    "wg2jjMO5kw76Rg3oljromihZeagRM0hiaMEc6ZQCEBjqrkbfTHtxejAbqZDHrD6XB8HQ78"
    "8ZucgV/na0wG3VEUW5f3y46tOx6wzYCtSf5yVPrIS6oiyQsiP8aRTs1BEsofMBtpfaW26U"
    "g+cDtlHMSEocNgdQrKxLMMqtRhsGLLXPwxaJ+ozK3RgoKgynKoMmo0SktVd7zK3Bl3dUQK"
    "NnMiDSjhuS0KjKe/I2LC8I6o8jtCN5IiVQm5D8ahg1J19o3deLyUPwc8Jtg4vEtJpo1mYe"
    "VAXCC6E+YV01WRkHfnLEvMu3OWHPRm9+JOHbFsaUHtxTyIR+Uat8WLT8tfZ/3s4LxFZeG9"
    "XOX3MhwLeI3HAqDwb8NWXfCsxwr/+mnk+Q6ERKSgTIvAjw22186aZBGUgZM28RxU01gauV"
    "slrUWAbhHUvdKMnBWaAhIAKBQSOwCk/zb0nIgGJGCPQgmxY5QQC57PO8xR0JrCGrElQ8iy"
    "6raTYW/WiumDAmDteznD//Kmq5dOyApvQBVmqCDGXu4FQDujft7Um6qZsAasoAywciu0AF"
    "xv2Dw9+u/mAhs02DMg67pMRWiD9US1crGywhpyLXOfud/gfW+ww3uWhR9Ege8LT/ry64Ro"
    "2BYfpvQAvzDsK3eiGjJCSbDHU2AU01jtiVSPztOn0zTnoQ/DxLK6DIcdOiR7Q+XN5VVKbC"
    "Ja/Mgp/fCVYamilKpccPHJ+u5cDQUs1rZmd7iivXIaiBZ5Eifq5YGJF0sZPJFa9ijJtqds"
    "siwCpCGdp6kYLVTL7w27J0pTXoXjy2a+JsLl2r0mYZkg7AP23F7cU5isZ2sqaiZ5Usnznl"
    "hN+CQNVegmYTDsjRAb2VCEvPO3dIBuYbmAZ+8XPuFsM1+DgCu9+pprNySVYFtbFVvqsEkb"
    "O2Z7Y/KpwcrRUDiQvcA2WtC56WIpyDYQ1t3GW7xTOPUr0NJ4YgNZq3G3OBR6Yy8IGvYRd2"
    "MQjnXaKnj6O501NDeoM99GmFcjsehc/rUf6TLR8SzPQlNZw/OF8WzR6dr8sjel92ZGikEs"
    "pBt2UrPzSBU5qAxXfJAruTLcI/1ZcVizVfHxZatc0aU17Eu9LwNWaewcbc523elfutf98b"
    "fBRGI1d6bsrr+5JW+3R5+wLOmQnUy14lNKxcfSId02Eqah7VxsKTxDhRN+W73b6Wx8xdoQ"
    "+tEa1mfwanjNWgwuVf1Ov+pedz+zAa52p/f7w+lNd0aXmF5UVGuFbbrE7PqEFWui19aE6/"
    "FrZ7GnML6KP0/H1wmJOljY/VRRZRv9B2lUv5b1oLX+MXd0blSge0dlfUKtt+xj/9kq1xIQ"
    "Qc3wYTOv09x8iN9cdX+Not8bjS84ZIH8NTbBBZSkbnYWIrSIPKA9cdwWkVV7YCC1q4qQQi"
    "bSYTORDt1qr6agJvbaE4IKrfayYFrZVnub6EsS0+SHZrYRTetQ0HaeqYs4J2PMw7wPp2ZW"
    "pioTel1BrMAawha7+oKeiUnQ84LoSLXRM7260rBMlLcxkqnguYENqhYbxP8fgzXlpLw3vs"
    "oMUHZwyz+7bT06eeD1hjcQ3eKPDf/lYN1WbUEgOFErBEUOV2Gy8uohGCymGj13TaWIFNTu"
    "hIKoBwCVGmCSSdiHskpegshqWoWquDBUqcpRpQpIoDLOoCqOnPPMZFgIXmkCXJ+wqdK3fj"
    "5cw0KA63aGDcigEsggbxsWAOuNqyi+bSas2fbNCnD4yc1w6M9TocVh3GBww6+bBHCPSLyF"
    "E3qTGLhY2u82Ks5Nb5ICicfFduIEBuyIDNjcNJbSft0cI1NUOeEGmjlGO8DsufahCarM28"
    "HSQ55dY/Ps8teihSK0+QIZkD4H6XOQPgfpcxWEFNLnIH2uEvQIpM8dnTGF9Ll6p8/ZK16F"
    "SkTdebfaqXydvaK/XiEZE+dmC4IMnSB2mvaJICZJvWMTrRb8qq6glWNSm4qK8mebnYe0Fq"
    "I0ub1mElCCv7e4JN+grmDrD6AJj0gTrpcjq4O5Wb8Kk0K7epidLA5mJ9m/7ETdS3+TCwHe"
    "zsQExKsMd2sy+Dyczhh7YpIH1bIZnzIaf2Y8jGY8MB6mO5t1e1+kmy/UoztH2LaxvJDWe+"
    "n4TAvTbLmbooSEqrxAlUluJN9XvCVofrolLNnApgk14Vd8TNIJFttmhXQE0YfpEmtaMssS"
    "kGtMZuBJ59PH9Wub/ZH2xp5edUcjARdAdHuHhyYgBk9MpZ8Y9tOc5W5EdFgUWkVVep0h3v"
    "A64g0x2vFozAMrvikmHryynOm8g1cFFFKDwOcvzcc5KLrg8oPLz+4RvzbeLsu0Fq70Ik0H"
    "17NzxLyAO/3bYDK8HLKEpSdiqvQ3K3f6ZXfIU5jmWNXY3xejsVtg7F4z3OpiXvbTb5I/1M"
    "uBepFcmWospbzAuk60XRczIF7lbKdfvnRn0+7NzTl6XmDboq/tO316NaULvLR41tt0PBrw"
    "nDfLy906/sqsTONJFQYEU143AZnGZTGV0WfYpo9iHoA3Eo2Dt5MpSayTkiTWgSQxcNqO7L"
    "Q59r3x3e/2IvLdQgPaqS4cH5rJg2t1kdeqxq28u3Qsm+VLywtkGUtCDbc2ejZV22YlUHS3"
    "Qi79XihQCdorloLYG/Uh9goq/APudD6PjHlRX9XmEel1lja6f6EvQ5O8dTFwC7yYhH4bYm"
    "Ws2vJ7a5MFr5PvjEzlDDV7oOnQ3700jkfCj894Y//I5c5eqA+vxaP9W6dzcvKp8+7k49np"
    "h0+fTs/erV3b+K00H/di+Jm5uSHVsN3vTbUSE/T3npZh1Sjzsm2R5CrMYnzrUHm5MuCu8I"
    "tmYAG+yYV3AyKHr717nJBAKVV2Q2o+6+YOCVXYsazMBt/vyNoxzqu1vENnOZ0bwaG1PmfJ"
    "FGoDRWmZajjyySH91xXNLyy9P2pOxnBN9ywF4hDir3To16VUJUe3RWxN+mpHZSHIX+mVxp"
    "YtEdMUpewnmwthqcYxc6eZmLnTFGbuNM7MrX39HTRoVBaeqSo/U8DBAgd7SA72BlvWM/Xg"
    "JsQi9sx4JHpLQMQKRrXT2NiVN54VaWQ99JhEtkM9kF5TLUM+mWbki5r7LEFYqpi3/3Fhhq"
    "ME8N7f/73PIjs7rHFADOy6Kq8v2HWvxK6LPNQ5i4UEJKCwxdbCFo5VSAmGjNUCKoZt1moB"
    "gS0lLsBwJMfDjQhMeFatib1fH/c8BMPaqa6HKyCZAYnMjXhYibyfnBV6xqrNGi7PDZM3XX"
    "brALBzsG/RtYGwLBuObiPynX6EhThd6aZrsMIBXjE+t7+yZUTjGiV9zJ3uJyizGWWsI508"
    "EdPLIOGJJ/eG8vKD5U/7d17xYF3lgLWN1skzv2gS3vOHTQ1tfyroeh37ZEOFHK7iDzaQZc"
    "4007VAA7M7OqeZGmSfpnTIPhUkeHjsUF7yICbYQMTfZ4ofvE+JH7yPxw+q3yesznnTmiHj"
    "pDK0iXFOvEfZ2d0Qdknb8jE+y4DwWSK+Z/HisHNimljjlaHygBwTbF5uUgmnxYBuBDoK6K"
    "jG0FFVCTNqWJ8+q7a8SDimHx7QTvXw6VDJ4mPh1H7jfFvQTK9EM0Gl8lLzbnlXG64qc8Ea"
    "FQNooWL5ASCluiH/Xg0LwU6NwwoBSKisX4EQZL7K+hDVLSKqK7QFCoC153WguvGmq5eCzQ"
    "pv1AxKKLMveIUBxBkhDr+9MwAMzSGywFrZ5hB+f10R+bNpvZtC+7iDSkgj/33zHrc05wFa"
    "NRyVAOJLEIM1Oczjj29iLLiTJZZGRyUHeDqxeJo4FpxcWyEhFnyAwgqtf8wd3S2Hc++omq"
    "3q1lv2sf8sK4556HILwa+ZY0UiYrAwhS+MRbApLySbfBew0DN6NUEVhcUakD2RxjEPfp2l"
    "A7+mmEfj68/+8OhqhIFXl9R4kBwzVwJWSKgBoB/gQDEDjO5/+j1km4iqdRmGRrCeQL3HhC"
    "Og31PpslBfXznsbr8Yj0eh3X4xjG7n26uLAX0b82Wgg1TX7I6Tcmx1V9R7T+ggmGhAxuSA"
    "8RQQyRQk9usFwUMiU0WhJVDJAbHo+9SVe+vJ1w/iFPz6g97wqjt6c9ruRLatr1c+xFSHak"
    "lum7ycWiMkd0CF4ftGtdUXEBF/hRFxZ6XsuOhhyQbm4dV01QV5ed6336z6vYl1JV/ALihS"
    "kkFQP3YpoDzpD38wzJd8oEakAFfIgSgHUogtHza27D/YRUTpAlPVShVkRTaiBDNE6Pi7qA"
    "BoL/x5Golr8I2dO0IXCOrjJ8NUmaV3L9jOF5705dcJ0XACVezBfenNVENbMAnz0LZ0CxTT"
    "H7gUlHXNA9SYTTSk8zQVKewoqu0n1e+OkxfP7bLZvHT+WlIm6WA9YVPFuqhU8A5YfXMna+"
    "rGMsmTSp73hGrCJ2kSRAfIt1g/hMl5F8HndGv+hRTSEXDwplbuRhsl5124jWfyxN02Eg3M"
    "vSi+sIRbiUWgA5Mj/QERiPKnB5t3iPIDsd4wihWOmh3wTRJqfsktg1yghoWAYQWGtRxIgW"
    "E9LMO62uRy7wlrICu8VoogK65hDQgHIF7JAQif6Un2xwNc0HZ3PMhClXcs4tGBUxHHPRVB"
    "VyCGasqhCHd4A/3y4ivsw4GIbTr3YB75ylRlIslEyKqnuBIhKejBF0uCobDnRjUsBKDGvF"
    "7DUsWMafJGDYgAoFFAIbH4wInFx+JtKuYHA3FTSUiBuGk+cVNTYFOYmwxdNYLZiKZdRF5S"
    "j87T5LQkVX+idqgwbTMPTMPgNI3Gaf8UrjVW2fK3agkX5AUeMTdprmqkx9MbWmImNDCgvY"
    "UIZUOlQK5EhlY/LIkJGXOEEX2bzedoSZb3frcc1kAHI9mrwvSDhbyPoJPJNnpD3j685W14"
    "WHyfzXGvmvbiR94pJ9zop6QPgcypanGzcx+9rOzsWqCB/GzxeVMGneYJa06u5g8hocbVhC"
    "inSQx5zo9zSAhwzoKzSbCVL9FyI9E4hE8yIXySgvBJHGFI7IPEPkjsg/LRlQA0hceESsdF"
    "VzqGFKm6p0gtjR5r1ybmBLyb7S18wNLgPd/KzYniXeUgKeqovYJydgTcqxHga3O7H1XRWX"
    "4G7kB3ljE9GgLal60y0K2bwaQ3uJ6dsx7YLM/lTr8c/jro09nV725Zw+O3Y0zwxxM1R5Ir"
    "XmJ6SeX1R+BFoupu9cTcyVACSUjgiSc+YNPepXVoSLAAp7uaZlnVnWwfk1Qvu0L9YWGVS1"
    "tl9lajflcuDRkQAS5FXPWX4cNL+Pphvx3wjckD2ELiSqHYObpAS6VxVwEheL1Dfu4uuh4K"
    "/0IYY58wBmQPQ/ZwJUji7dnDWVJcudNcRHpd/YyaTDmIJlHIkk+9fx25pTFZz1ZDtudYmY"
    "gh2JLiDmFkt0UfIqtaapW0393PZJ/D44l/QAzikDEIRbW4z5CbUowLgssBFjBYwH5afh5l"
    "FRQBC1h40pO+lfKe81yLAKRwyhPSzeoBKDi+Bz826xrf+x+a3WQ3NRPY4CtlO7CQHFl0cm"
    "RCw8nckGblY2qKadCYzEt8lUlVTMicGtmLmfFIhDxF6H47jaQw3ZGSzYZmPTGJPCnEpdqI"
    "q0kFLbC1IMpbxD/WYicVDZ0gi26on1QdWQtsEoTppEtVe/k7WtEZqLvLDz+2IqtWwkfc6S"
    "Z5olIKl3D/bfFjle5o9MYk9BFCCl1hXlcLDlhWkWPh20Fi2yAObnK2Z1iqmFTE48JcciE8"
    "95kQWuC3t8O+GOWQUARkx1GVt0y0ti8LEbZuKq1LkASpD/5Dw4hWKFuqomx/1QmrTOlS3k"
    "tmh2UOS0JSXB1WeZfzu1HJnd5GFVvbsg8gqKs8GLujG3c+uvi3PHcZqYchyo1Lhjcs1TiY"
    "4Rg6RK+KiV6tqDeq562pGZSBfF6IDMBB9Arygrm4VveRLgDTKKtXL0WQOTQQ1IB7NEWWF6"
    "qmmERgnedrNNpEzEvNo/N6swppab9raxohvW4PW/R5fV+1+eVt4cT+MZlcigP7+Biw0yXW"
    "tER0N1JNOtZ80vn0cY0v+yMN2ulVdzSKG0Y2+S54yczo1QRO3BvfAAcuzWcY/DoLuQux3i"
    "Rrl2E0vv7sD482LAFv7tV7c8fIRayYOdGUbqFVe2ggH7HqkALrAPmIFfCN8+UjApVTOJUD"
    "jVFyZHhubYxyzIzEiplWe2ckHrte44SwOVpC1offaaezPmxMxvzDHrYW7Eu3WZIgMU2sIa"
    "wr6N7QHQtRD0tRbevv3j+IgmyDp/k9Y41ihZ4XREcEmzpR4m0aCp0ZUgerRTg1vooh1atf"
    "Lrq9r+dI9vbxnT4ZXA4mk+7ofL2j7/SL8fXt9Nzd1dFHIEuEvPjahhR12xGcmM22OBvpA3"
    "JZK6IrHhOZZ41uBtf94fVnVmmSy9/pvcmgP5yxYpO+XmGr9m38lV3y0oWqsUp4udPp5qgY"
    "nG2Gs83AJwKfCMRXDSAF4guIrwq4vUB8HZf4Anam3uzMlGBTXrAGrgKCZnOzncbRWHyY30"
    "92O00zeCLmC3VFbUxFkCuNnlV7gVTbop6NRZcI8bpH6M2/iWn85F1yRxILqbqsOQpRBP00"
    "C54bqJpqUTX0J4o6PCefSVgLVJmg2fFAQifTgYROyoGETvxAgmbIWMvVMWUj0UCMzzIgfJ"
    "aI71m8ryPTNrnLTkfFmpTiBmQJkCVQCrlCz9HhPfuKGfXg2VfBZaqyZ1+xDbuvZ398J9Sy"
    "6E+eEJn6ye4PFfiikTHtdJeUj5ZMf3jGDIKxTpC8cPRHVkEI68g0n8k98mZD69nifmceQX"
    "HPSO8bu8vDp5L4dtrvNMqF+vBanM6/dTonJ586704+np1++PTp9OzdWnHHb6Vp8IvhZ6bE"
    "QybNdtc0vIBZnaewVFkOVJMqEAUfjewmSkQKHCiB4UeexAH8n6fjazGqG4mo06TKNvoP0l"
    "SrNGBb/5g7Oi/Ihu4dVbNV3XrLPu+frXLfsiIsGUIhhyl2mCh6bqgd9oTYBHCYCPzZo/iz"
    "261ZcGfBna2KO1ut3QreLHizUW9WM+yJw5GNe7H+vXaq90pHSSYdlrnu7jMhj9oLYjI885"
    "zNgLxlN0xkO6bOQpssL52+8flt6xxR0+lPJqnglz/Rm3fo/6ErQ6d//NiO+bfFf8SdPjeN"
    "JfqTN3b+k6XM/0l05U+3oC+fo+1OwjzqP12HQlqqumMT6083pPunjFdYVm069UrDMrEgZl"
    "vBmK23/HFk0ws6BMSa5K0VUdGBPzK5WAZfoIER2tMMBMNpIr9wGqUXSNJZkAQPuPrHP6qB"
    "a1iB51CzccEmqYPiot/eqzAPJxYQAUwhowAYmNaRGJiqrW6zGIOKoVscZXAk/9bG8/lI1R"
    "95JyqRkxsa0E71dNlQSaNjKR5Kdn/X0MlP3M1kUtQdxTZik1gIIz4lWpLlPTF/sNCMwvZg"
    "4iXCMk+fO0f/w61hPv6n3rg/iAdzS5gfnNJqOaVsXXN3iwkJQbOYraFaaG2y7SVQdYPJxy"
    "TVYnKsnWzkgBg0Nany+oIb9ArdIH/p7sXNvpJJhagchFCrEJOu2oMDvQqO7l/mOue7eawh"
    "Lr0F15gGrFZ0mpMmQq/dY1PSvHXDzOijJ6MKnnC1PGFLcwTF9lNiid548H+3+r/8/zmg9c"
    "c3MJpYylnl4DeLwZyctRwRq0bqMvvYxqQuryiguXb+WqABTSfK7nlJfTgKvSWJ+3okYxyV"
    "axzUp5l0zGmKjjkV1EMQsR6XmoGT0hWEXMecCdTW5BXB2R/fXowG6GYy6A2nQ0+HrAkMfp"
    "NdohdU1/CdDLqjKLaiNj9p2Aob/AC2ImwZofbvnFo4KHNA7XA76x1GQRRv4XlfWMpfNSUu"
    "eUDE3ZZ1taueIjumSXQ5VwGgoMwh9/S0fyD7Iot5kWxdxNP0HrDGmjjHMU5P1w0JHi6b7P"
    "1ZWSgXl65rrIhOP0paGI6Z63hlTBBclcJdFVkzWBySxaByrU1UrhpL06wDsF6xeul+lSdh"
    "OCoGZcWjCsmv+C+53TVyF25PlAeoY7qfF/60yF854A3JAKRRSFVLwlTtPQlMlAvD0AjWEw"
    "ICQbkIrPdUsCxcfUb7sBr5YjwehTTyxTDawPT26mIwefP+x7AvCWnwkP9Bp3BWyo6LHpZs"
    "YO5eTVddkOu1bvkeCz+LA9MBElojps3Ka6krVWw9XHgzXH6dEA0nBFu82HOXzTbxJ6vhlk"
    "jKDQg9UvdYpz9qT6gu+CSNhciwpSWxLPwg8sZy4WTYV+5EjcXKxLqyL0psjqYCJOPlCqsP"
    "+p4Y9bxpmguTua/+7nnHy5sJj7WQFNMQcRD5MLIWfTpNc3GyyYNhqvsq7p47z0tjcVoQ+d"
    "FwbL9fxh5IeTN5DToaCZbGDEIpqTJhLrT4VIOnbAZmNYPFW8AyX1bUtFcIdQrUveHik/Xd"
    "uZq6vVYa3ts6cCzbWBLzhk7VVJhYTsCeMPWJprLWPP/y0guaCJNisp+4L1B8kmZDJFkLdb"
    "6vgnKBmrKZmooWWa4044Xs++wNvGmaCtMcP1G7Uxi/zQPTpTdNU2FSdWb7GKL+WXlgGgan"
    "aTRO+1voa6wabKLzaOWej17W7o/1BagQF4bDlNWDqTFWC9XaX09xsKY2th3ry2a+JoLGvB"
    "jJelZt1sByP9CYFzPlMzVYY61MQ3HkfR/GG3eWhoMkYUdRC+CqPLS6bLYGb60nbKp4bz3v"
    "gfXNnaypWNEdtjQ2Zb/2gmtp+LXGmouUSRTqELIPKAKvyXq2pqJmkieVPO+J1YRP0lyIGA"
    "57Q8RGNhWicHPz3VEK9VJvIlDhVnv7ABVv9NfAYE24x8MecAU6SjRxW/EWEPtBNFOXhMHU"
    "VIieyEKV995I39xZmgrSM9Y0su9O+oVP0myIJDpAt7BcgKHpwjXbzNck5Mos0rTWWII6TU"
    "FtllyqiaVWS2vdWWy5pt83Fbx5qWNepjXapVY4qB08hfEH1Hkq/phMSp2n4CrkyecPCTYw"
    "nb++6fv8UjhirCs7lVveiMECV3qBoc1LGcdhLWI+kTwvnaAInNCEE5q76J4CT2hCzxroWX"
    "MUL6hdYM+a46SU1IU7LNPd5PWYBa6mX6c52c1kNaShIHD9NF07xVE0jaRKZgPdWcb0XNgu"
    "Mg5ey0z2EvBb+eBu9W6ns/HVYHKO/Bnu9G7/anh9jrCyVPU7/ap73f3MBrgPDr3fH05vur"
    "PeF3ZRUa0VZik37Ppk+I1fWydv5y3j9f5jypr5tXTeRz2PTSEvditSAPBBaBBcqA+JT8ha"
    "pJCeDVV4SP7W6ZycfOq8O/l4dvrh06fTs3frpyV+K+2xuRh+Zk9OCP24HUYBZBoxb93niN"
    "hOD0/F3mNlF148cIXhau3tkgsMc6gkqshUOqVIhaT5cHHhAzpy6yu19eTIEqtann29Fmja"
    "vu6cZlEadFRyxfjTeEc6htauWzsuDFs7x9ZeYct6pq5d7raLMcHmvSDfZypd/j6ldPn7eO"
    "nyB8N40IhkOfd50A5LNU2rvMYmHwcqv19Ki4/8hbWhoHb2gtosqCcZc+leNW2BSmZBQzHI"
    "McG0sGH9lHMKyiwKGG3I8bCztRwVBYMih0GxLkMre7n/WVVETLBxvayKp5Mgpnes3e0m6e"
    "9UijNpDui3XOUcDw1b/MSdqu+w5DFhWOsqrzXUVk58odWzyi7UVn6Nqy541sXH9HNFrAMS"
    "0EU9yULaoUd9XBDg3ZoBFQAtDjW0AA+lQcU3WEIP8Kh+KADZnAUJa4pwQDXmbq8ea6W679"
    "G5rjtNDV+3mc6FQYHo7QWiTSITVZhDXlKN6Jo8t2Gk/NLHlk32Lqedq/hxLdGC2sdQ+7js"
    "4qLL/TcXlBeF8qLnwbKZ8gLre/dvyVk6s446i7O0e8I0YnM0FyIoLlrN4qK13UtSIYUtdq"
    "otWkfM2DlXW7KNR7J30TkviW/CZpyxCZv6SHJqwnsHSkssSk0osyRrHbcZVLDdrThrIZZW"
    "/tKstdxipjFXNVLkg+nO2OMTvg7UDgtYXR9NqNW6g50xp6bGohBLY+LO1WgbA2rbZoAIat"
    "tmqm27dwXSHJVt6/gOhMK2+VgtVX90q7pLXoranrDZeD4f0UkzVnivN2aHxaqWWstPat4T"
    "q2ZloIQQglq3+5fQifYsTAZzrJOZQf9TYG/Humy6nHWG/BLTglJDgerTydWGgoWuoeDQwZ"
    "a/7IJDvOD0yjAF2dDZqg6FJjjcqc/8kLcux+MZncow7Dv9Yvh1cI7u1Udyp/e6rA4R3ql0"
    "UMFnQlead2Qz8/F8X6BxJ5qLL60S/Fo5II6INQ7oUo6Ow4lFqEJax1dlSg4+VCHNlBxeTB"
    "XSw7Zzr5PJX1YdUs/lFLgHG2c02TsIeL1F97twPK7Aff6irS7AWzikt3CPNabcJFmc8pSI"
    "b0wO6rZHX+BwLjUZ6uaeSwWzrfgHib4v8iEakABAwQ4+lB0c3bQFYJoxrlJTSAPP6e6eBX"
    "TYq4irEQQu0euIoLvNAYn1T4RIRa1eO+0U3+OR/qxdgxS+bKXjE7Pxze0NXTNj5azu9Jvu"
    "b1eD69k5WmF+UJDFKaZfLrq9ryxYYS3Yo3inTwaXt9f9c2SSuaMrrInCz7fTmSuIlf91LN"
    "uTnfx2MxtL/cHNeDqk98JHNvk8g8mkO+Iz8Qj/LtGQ4ivf4aXh6HZufzMqBq3XBIay75Tj"
    "uU3fq7u69BFpQDqpWA7xFFPWuFNIqHFRp/edLKFTOipZWXRi4VMo6NYwCiVLQTf3aGEuky"
    "soAtWnIJh4AEg9/yQXpiEZABWYqWMwU8/r6N+eqBaZ01pFWENP63ZcDb8ywp6wNqzXZhTV"
    "4Ks6d7G5MkmsLjFVedESMFfenXYaXYU3Y4ChqtPrp53CULGMlZzJhQGRKnNTu6YWnp5mSS"
    "08PU1pI3Yao4RWqzwIe8MbiG4pfavoJ9peGZowwj9Px9cJvvNGJOo4q7KN/oM01aojC5QC"
    "LgMj5B77mL656v4ahbs3Gl9E/V42wYXImj3ky+y//x/8WKbg"
)
