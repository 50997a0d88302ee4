import type { AnySchema } from 'ajv';
import { accountPaymentMethod } from './paymentMethods.js';
import { bool, customFields, readOnly, str } from './schemaParts.js';

// Request bodies of the Quickstart endpoints, as the Quickstart spec types them: unknown properties
// are rejected there (additionalProperties: false) and so they are here.

const date = { type: 'string', format: 'date' } as const;
const strings = { type: 'array', items: str } as const;
const money = { type: 'object', additionalProperties: { type: 'number' } } as const;

const address = {
  type: 'object',
  additionalProperties: false,
  properties: { line1: str, line2: str, city: str, state: str, country: str, county: str, postal_code: str },
} as const;

const contactProperties = {
  ...readOnly,
  custom_fields: customFields,
  address,
  first_name: str,
  last_name: str,
  nickname: str,
  email: str,
  work_email: str,
  home_phone: str,
  mobile_phone: str,
  work_phone: str,
  other_phone: str,
  other_phone_type: { enum: ['work', 'mobile', 'home', 'other'] },
  fax: str,
  tax_region: str,
} as const;

const contactCreate = {
  type: 'object',
  additionalProperties: false,
  required: ['first_name', 'last_name'],
  properties: contactProperties,
} as const;

const contactPatch = { type: 'object', additionalProperties: false, properties: contactProperties } as const;

const accountProperties = {
  ...readOnly,
  custom_fields: customFields,
  account_number: str,
  name: str,
  description: str,
  currency: str,
  bill_cycle_day: { type: 'integer' },
  auto_pay: bool,
  payment_terms: str,
  batch: str,
  crm_id: str,
  sales_rep: str,
  parent_account_id: str,
  communication_profile_id: str,
  sequence_set_id: str,
  payment_gateway: { type: ['string', 'null'] },
  default_payment_method_id: str,
  billing_document_settings: {
    type: 'object',
    additionalProperties: false,
    properties: {
      credit_memo_template_id: str,
      debit_memo_template_id: str,
      invoice_template_id: str,
      email_documents: bool,
      print_documents: bool,
      additional_email: strings,
    },
  },
  tax_certificate: { type: 'object' },
  tax_identifier: { type: 'object' },
} as const;

export const accountCreate: AnySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'currency', 'bill_to'],
  properties: { ...accountProperties, bill_to: contactCreate, sold_to: contactCreate, payment_method: accountPaymentMethod },
};

/** `status` is the emulator's addition: the spec has no way to cancel an account through Quickstart. */
export const accountPatch: AnySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...accountProperties,
    bill_to: contactPatch,
    sold_to: contactPatch,
    status: { enum: ['Active', 'Canceled', 'Draft'] },
  },
};

const productProperties = {
  ...readOnly,
  custom_fields: customFields,
  name: str,
  description: str,
  sku: str,
  type: { enum: ['base', 'add_on', 'other'] },
  start_date: date,
  end_date: date,
} as const;

export const productCreate: AnySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: productProperties,
};

export const productPatch: AnySchema = { type: 'object', additionalProperties: false, properties: productProperties };

export const planCreate: AnySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'product_id'],
  properties: {
    ...readOnly,
    custom_fields: customFields,
    name: str,
    description: str,
    plan_number: str,
    product_id: str,
    start_date: date,
    end_date: date,
    active_currencies: strings,
  },
};

const recurring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    recurring_on: str,
    on: str,
    usage: bool,
    interval: { enum: ['month', 'year', 'week', 'term', 'day'] },
    interval_count: { type: 'integer', minimum: 1 },
    alignment_behavior: str,
    timing: { enum: ['in_advance', 'in_arrears'] },
    formula: str,
    duration_interval: str,
    duration_interval_count: { type: 'integer' },
    rating_group: str,
  },
} as const;

const tier = {
  type: 'object',
  additionalProperties: false,
  properties: { up_to: { type: 'number' }, amounts: money, unit_amounts: money },
} as const;

export const pricePatch: AnySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...readOnly,
    custom_fields: customFields,
    name: str,
    description: str,
    recurring,
    start_event: { enum: ['contract_effective', 'service_activation', 'customer_acceptance', 'specific_date'] },
    tiers_mode: { enum: ['graduated', 'volume', 'high_watermark_volume', 'high_watermark_graduated', 'graduated_with_overage'] },
    tiers: { type: 'array', items: tier },
    tax_code: str,
    tax_inclusive: bool,
    taxable: bool,
    unit_of_measure: str,
    quantity: { type: 'number' },
    min_quantity: { type: 'number' },
    max_quantity: { type: 'number' },
    amounts: money,
    unit_amounts: money,
    accounting_code: str,
    recognized_revenue_accounting_code: str,
    deferred_revenue_accounting_code: str,
  },
};
