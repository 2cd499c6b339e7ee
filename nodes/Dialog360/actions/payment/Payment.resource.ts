import * as getPayment from './get.operation';
import * as sendPaymentRequest from './send.operation';

export { getPayment, sendPaymentRequest };
