-- What an administrator sets in the console's Settings page, per account: branding, download links and
-- the activation e-mail's opening text. Empty columns fall back to the server's configuration.
CREATE TABLE account_settings (
    account_id       VARCHAR(64)  PRIMARY KEY REFERENCES accounts(id),
    display_name     VARCHAR(200),
    accent_colour    VARCHAR(7),
    logo_url         VARCHAR(500),
    download_macos   VARCHAR(500),
    download_windows VARCHAR(500),
    download_linux   VARCHAR(500),
    mail_intro       VARCHAR(2000),
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by       VARCHAR(200) NOT NULL
);
