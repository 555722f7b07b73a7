// A real OpenID Connect provider (the `oidc-provider` library) for the single sign-on tests,
// run as its own process: node tests/helpers/oidc-provider.mjs <port> <redirect_uri>
// Accounts are named by their login: "<email>|<verified: true|false|string>", typed at the provider's
// ("string": email_verified is the string "true", which a careless client would take for true)
// own login page (devInteractions). Consent is granted for the one client, as a company IdP would.
import Provider from "oidc-provider";

const [port, redirectUri] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: "keydesk-test",
      client_secret: "keydesk-test-secret-0123456789",
      redirect_uris: [redirectUri],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  // Keydesk (Auth.js) reads the ID token's claims: put the scope's claims there too.
  conformIdTokenClaims: false,
  cookies: { keys: ["oidc-test-cookie-key"] },
  features: { devInteractions: { enabled: true } },
  async findAccount(_ctx, id) {
    const [email, verified] = id.split("|");
    return {
      accountId: id,
      claims: async () => ({
        sub: id,
        email,
        email_verified: verified === "true" ? true : verified === "string" ? "true" : false,
        name: "SSO Person",
      }),
    };
  },
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope("openid email profile");
    await grant.save();
    return grant;
  },
});
provider.listen(Number(port), "127.0.0.1", () => process.stdout.write(`ready ${issuer}\n`));
