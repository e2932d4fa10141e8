// The local user store of flows: the users a pool would hold, kept in a small JSON file (--users) that
// the flows create and update, so that a user confirmed by sign-up can then sign in.
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';

/** Cognito's user statuses (UserType.UserStatus). */
export type UserStatus = 'UNCONFIRMED' | 'CONFIRMED' | 'FORCE_CHANGE_PASSWORD' | 'RESET_REQUIRED' | 'EXTERNAL_PROVIDER';

/** One user. Passwords are kept in clear: this is a local test store, never real credentials. */
export interface StoredUser {
  username: string;
  password?: string;
  status: UserStatus;
  /** Attributes as Cognito stores them (strings), `sub` included. */
  attributes: Record<string, string>;
  groups?: string[];
  /** A code sent and not used yet (confirmation or password reset). */
  pendingCode?: string;
}

/** The file's shape. */
export interface UserStoreFile {
  users: StoredUser[];
}

/** A problem reading the store: a usage error for the CLI. */
export class UserStoreError extends Error {}

/** The users of one flow run; `save()` writes them back when the store has a file. */
export class UserStore {
  private readonly users: StoredUser[];

  private constructor(
    private readonly file: string | undefined,
    data: UserStoreFile,
  ) {
    this.users = data.users;
  }

  /** An empty store in memory. */
  static inMemory(users: StoredUser[] = []): UserStore {
    return new UserStore(undefined, { users });
  }

  /** The store in `file` (created empty when missing). */
  static load(file: string): UserStore {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return new UserStore(file, { users: [] });
      throw new UserStoreError(`--users ${file}: ${(e as Error).message}`);
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new UserStoreError(`--users ${file}: not valid JSON (${(e as Error).message}). Expected {"users": [{"username", "password", "status", "attributes"}]}.`);
    }
    const users = (data as { users?: unknown } | null)?.users;
    if (!Array.isArray(users)) throw new UserStoreError(`--users ${file}: expected {"users": [...]}.`);
    const out: StoredUser[] = [];
    users.forEach((u: unknown, n) => {
      const x = u as Partial<StoredUser> | null;
      if (!x || typeof x.username !== 'string' || !x.username) throw new UserStoreError(`--users ${file}: users[${n}] needs a "username".`);
      out.push({
        username: x.username,
        ...(typeof x.password === 'string' ? { password: x.password } : {}),
        status: (x.status as UserStatus | undefined) ?? 'CONFIRMED',
        attributes: { sub: randomUUID(), ...(x.attributes ?? {}) },
        ...(Array.isArray(x.groups) ? { groups: x.groups.filter((g): g is string => typeof g === 'string') } : {}),
        ...(typeof x.pendingCode === 'string' ? { pendingCode: x.pendingCode } : {}),
      });
    });
    return new UserStore(file, { users: out });
  }

  /** The user whose username, or email / phone_number alias, is `name`. */
  find(name: string): StoredUser | undefined {
    return this.users.find((u) => u.username === name) ?? this.users.find((u) => u.attributes.email === name || u.attributes.phone_number === name);
  }

  add(u: StoredUser): StoredUser {
    this.users.push(u);
    return u;
  }

  all(): readonly StoredUser[] {
    return this.users;
  }

  /** Writes the store back to its file (no-op in memory). Never loses a user that was there. */
  save(): void {
    if (!this.file) return;
    const tmp = `${this.file}.tmp-${process.pid}`;
    fs.writeFileSync(tmp, `${JSON.stringify({ users: this.users }, null, 2)}\n`);
    fs.renameSync(tmp, this.file);
  }
}

/** The attributes as triggers receive them: Cognito adds `cognito:user_status` (observed in captured events). */
export function eventAttributes(u: StoredUser): Record<string, string> {
  return { ...u.attributes, 'cognito:user_status': u.status };
}
