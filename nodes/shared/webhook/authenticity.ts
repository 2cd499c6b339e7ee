/** Constant-time equality of two strings or buffers (false for different lengths, never throws). */
export declare function safeEqual(a: string | Buffer, b: string | Buffer): boolean;

export type HmacAlgorithm = 'sha256' | 'sha512';

export declare function hmac(
	algorithm: HmacAlgorithm,
	key: string | Buffer,
	data: string | Buffer,
	encoding: 'hex' | 'base64',
): string;

/** Computes the HMAC of `payload` and compares it with `received` in constant time. */
export declare function verifyHmac(options: {
	algorithm: HmacAlgorithm;
	key: string | Buffer;
	payload: string | Buffer;
	received: string | undefined;
	encoding: 'hex' | 'base64';
	/** e.g. `sha256=` as in X-Hub-Signature-256 */
	prefix?: string;
}): boolean;

/** True when `timestamp` (seconds or milliseconds, detected) is within `toleranceSeconds` of now. */
export declare function isWithinReplayWindow(
	timestamp: number | string | undefined,
	options?: { toleranceSeconds?: number; now?: Date },
): boolean;

/** Makes an unguessable URL-safe token for secret webhook URLs (at least 128 bits). */
export declare function generateSecretToken(): string;
