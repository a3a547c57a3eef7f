// What an event name may look like (API events, postback actions): a short identifier such as `purchase` or `cart_abandoned`.
export const EVENT_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/;
