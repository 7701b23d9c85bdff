import { type FormEvent, useState } from "react";
import type { ViewerSession } from "../state/ViewerSession";

/** Sign in with a name and password (a demo login link signs in by its ?token= instead). */
export function SignIn({ session, error }: { session: ViewerSession; error: string | null }) {
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [message, setMessage] = useState<string | null>(error);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await session.signIn(name, password);
    } catch (err) {
      setMessage(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <form className="card signin" onSubmit={submit}>
      <h2>Sign in to Danio</h2>
      <label>
        Name{" "}
        <input name="name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="username" />
      </label>
      <label>
        Password{" "}
        <input
          name="password"
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="current-password"
        />
      </label>
      <button type="submit">Sign in</button>
      {message && <p className="error">{message}</p>}
      <p className="hint">The demo prints a ready login link for each demo user.</p>
    </form>
  );
}
