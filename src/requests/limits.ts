/**
 * The limits of a request as taken in, shared by the domain (order.ts), the body schemas and
 * the web's intake form: they are part of the API's vocabulary (src/contract/constants.ts).
 */
export {
  MAX_ADDRESS_LENGTH,
  MAX_MEDIA,
  MAX_MEDIA_BYTES,
  MAX_PLACE_NAME_LENGTH,
  MAX_TEXT_LENGTH,
  MEDIA_TYPES,
} from '../contract/constants.js';
