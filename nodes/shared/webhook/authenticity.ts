import { createHash, createHmac, randomBytes, timingSafeEqual } from 'crypto';

export type HmacAlgorithm = 'sha256' | 'sha512';

const DEFAULT_TOLERANCE_SECONDS = 300;
/** Below this a numeric timestamp is read as seconds (1e11 s is the year 5138, 1e11 ms is 1973). */
const MILLISECONDS_THRESHOLD = 1e11;

function toBuffer(value: unknown): Buffer | undefined {
	if (Buffer.isBuffer(value)) return value;
	if (typeof value === 'string') return Buffer.from(value, 'utf8');
	return undefined;
}

/**
 * Constant-time equality of two strings or buffers (false for different lengths, never throws).
 * Both sides are hashed first so the comparison itself always runs over equal-length digests
 * and the time taken does not reveal the expected length.
 */
export function safeEqual(a: string | Buffer, b: string | Buffer): boolean {
	const left = toBuffer(a);
	const right = toBuffer(b);
	if (left === undefined || right === undefined) return false;
	const leftDigest = createHash('sha256').update(left).digest();
	const rightDigest = createHash('sha256').update(right).digest();
	return timingSafeEqual(leftDigest, rightDigest) && left.length === right.length;
}

export function hmac(
	algorithm: HmacAlgorithm,
	key: string | Buffer,
	data: string | Buffer,
	encoding: 'hex' | 'base64',
): string {
	return createHmac(algorithm, key).update(data).digest(encoding);
}

/**
 * Computes the HMAC of `payload` and compares it with `received` in constant time.
 * Fails closed: an empty key (nothing configured) or a missing signature never verifies.
 * Hex signatures are compared case-insensitively; base64 ones exactly.
 */
export function verifyHmac(options: {
	algorithm: HmacAlgorithm;
	key: string | Buffer;
	payload: string | Buffer;
	received: string | undefined;
	encoding: 'hex' | 'base64';
	/** e.g. `sha256=` as in X-Hub-Signature-256 */
	prefix?: string;
}): boolean {
	const { algorithm, key, payload, encoding, prefix } = options;
	const keyBytes = toBuffer(key);
	const payloadBytes = toBuffer(payload);
	if (!keyBytes || keyBytes.length === 0 || payloadBytes === undefined) return false;
	if (typeof options.received !== 'string') return false;

	let received = options.received.trim();
	if (prefix) {
		if (received.slice(0, prefix.length).toLowerCase() !== prefix.toLowerCase()) return false;
		received = received.slice(prefix.length);
	}
	if (received === '') return false;
	if (encoding === 'hex') received = received.toLowerCase();

	return safeEqual(hmac(algorithm, keyBytes, payloadBytes, encoding), received);
}

function toEpochMilliseconds(timestamp: number | string | undefined): number | undefined {
	let value: number;
	if (typeof timestamp === 'number') {
		value = timestamp;
	} else if (typeof timestamp === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(timestamp)) {
		value = Number(timestamp);
	} else {
		return undefined;
	}
	if (!Number.isFinite(value) || value <= 0) return undefined;
	return value >= MILLISECONDS_THRESHOLD ? value : value * 1000;
}

/**
 * True when `timestamp` (epoch seconds or milliseconds, detected) is within `toleranceSeconds`
 * (default 300) of now, in either direction; the edges count as inside. A missing or
 * non-numeric timestamp is never within the window.
 */
export function isWithinReplayWindow(
	timestamp: number | string | undefined,
	options: { toleranceSeconds?: number; now?: Date } = {},
): boolean {
	const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
	if (!Number.isFinite(tolerance) || tolerance < 0) return false;
	const sentAt = toEpochMilliseconds(timestamp);
	if (sentAt === undefined) return false;
	const now = (options.now ?? new Date()).getTime();
	if (!Number.isFinite(now)) return false;
	return Math.abs(now - sentAt) <= tolerance * 1000;
}

/** Makes an unguessable URL-safe token for secret webhook URLs (256 random bits, base64url). */
export function generateSecretToken(): string {
	return randomBytes(32).toString('base64url');
}
