// Signing in turns the admin token into a session cookie (HttpOnly, SameSite=Strict) once; the
// token is sent in a POST body only, never kept by the page nor put in a URL.

const UI = '/__emulator/ui';

export async function signedIn(): Promise<boolean> {
  const response = await fetch(`${UI}/session`, { credentials: 'same-origin' });
  return response.ok && ((await response.json()) as { signedIn?: boolean }).signedIn === true;
}

export async function signIn(token: string): Promise<boolean> {
  const response = await fetch(`${UI}/login`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  return response.status === 204;
}

export async function signOut(): Promise<void> {
  await fetch(`${UI}/logout`, { method: 'POST', credentials: 'same-origin' });
}
