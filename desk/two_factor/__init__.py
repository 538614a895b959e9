"""Two-factor sign-in for the desk: after the password, an authenticator-app
code (TOTP), a recovery code, or a passkey (factors: who must, what counts;
views: the pages; passkeys: the WebAuthn endpoints)."""
