import { InspectorProduct } from './types/resources';

const PRODUCT_NAMES: Record<InspectorProduct, string> = {
  origins: 'Origin Inspector',
  domains: 'Domain Inspector',
};

/** The add-on's name as Fastly spells it. */
export function inspectorProductName(product: InspectorProduct): string {
  return PRODUCT_NAMES[product];
}

/** What to say when the backend reports the add-on disabled without a message of its own. */
export function inspectorDisabledMessage(product: InspectorProduct): string {
  return `${inspectorProductName(product)} is not enabled for this service`;
}
