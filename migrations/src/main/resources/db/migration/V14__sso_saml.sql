-- SAML 2.0 service provider (docs/enterprise.md#sso-saml-20). A SAML provider keeps its IdP entityID in `issuer`,
-- its SP entityID in `client_id` and its Assertion Consumer Service URL in `redirect_uri`; these two are SAML-only.
-- Both are public: the IdP's single sign-on URL and its signing certificate (base64 DER).
ALTER TABLE sso_provider_view
    ADD COLUMN idp_sso_url     TEXT,
    ADD COLUMN idp_certificate TEXT;
