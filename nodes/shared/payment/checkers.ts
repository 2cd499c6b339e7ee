import { checkCalypsoPayment } from '../../Calypso/helpers/checkPayment';
import { checkCraftgatePayment } from '../../Craftgate/helpers/checkPayment';
import { checkDialog360Payment } from '../../Dialog360/helpers/checkPayment';
import type { CheckPayment, PaymentTarget } from './check';

/**
 * The status check of each provider that has one. Exotel has none: it documents no way to read a
 * WhatsApp payment back; its outcome comes only in status callbacks (docs/providers.md §3.4, §3.7).
 */
export const checkers: Record<PaymentTarget['provider'], CheckPayment> = {
	'360dialog': checkDialog360Payment,
	craftgate: checkCraftgatePayment,
	calypso: checkCalypsoPayment,
};

/** The status check for a target's provider. */
export function checkerFor(provider: PaymentTarget['provider']): CheckPayment {
	return checkers[provider];
}
