// A browser without JavaScript, for the container check: GET a page, read its form's hidden
// server-action fields, POST it as multipart (as a no-JS submit does), keep the cookies.
const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

export class Session {
  readonly cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private keep(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair = ""] = c.split(";");
      const i = pair.indexOf("=");
      const value = pair.slice(i + 1);
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(c) || value === "") this.cookies.delete(pair.slice(0, i));
      else this.cookies.set(pair.slice(0, i), value);
    }
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    const res = await fetch(this.base + path, {
      headers: { cookie: this.cookieHeader(), ...headers },
      redirect: "manual",
    });
    this.keep(res);
    return res;
  }

  /** Submits the form on `path` that has server-action fields and an input for each of `fields`, filled in. */
  async submit(path: string, fields: Record<string, string>): Promise<Response> {
    const page = await this.get(path);
    const html = await page.text();
    const form = /<form[^>]*>([\s\S]*?)<\/form>/g;
    let body: FormData | null = null;
    for (const m of html.matchAll(form)) {
      const hidden = [...m[1]!.matchAll(/<input[^>]*type="hidden"[^>]*>/g)].map((i) => i[0]);
      const named = hidden
        .map((i) => ({ name: /name="([^"]*)"/.exec(i)?.[1], value: /value="([^"]*)"/.exec(i)?.[1] ?? "" }))
        .filter((f): f is { name: string; value: string } => Boolean(f.name));
      if (!named.some((f) => f.name.startsWith("$ACTION"))) continue;
      if (!Object.keys(fields).every((k) => m[1]!.includes(`name="${k}"`))) continue;
      body = new FormData();
      for (const f of named) body.append(decode(f.name), decode(f.value));
      for (const [k, v] of Object.entries(fields)) body.append(k, v);
      break;
    }
    if (!body) throw new Error(`no server-action form on ${path} (status ${page.status})`);
    const res = await fetch(this.base + path, {
      method: "POST",
      body,
      headers: { cookie: this.cookieHeader(), origin: this.base },
      redirect: "manual",
    });
    this.keep(res);
    return res;
  }
}
