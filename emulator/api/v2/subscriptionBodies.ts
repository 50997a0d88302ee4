import type { AnySchema } from 'ajv';
import { bool, customFields, str } from './schemaParts.js';

// Request bodies of the Quickstart subscription writes, typed as the Quickstart spec types them
// (additionalProperties: false, so a field the spec has and the emulator does not act on is refused
// by name rather than silently dropped).

const date = { type: 'string', format: 'date' } as const;
const interval = { enum: ['day', 'week', 'month', 'year'] } as const;

const term = {
  type: 'object',
  additionalProperties: false,
  properties: { interval_count: { type: 'integer', minimum: 1 }, interval, start_date: date, end_date: date, type: { enum: ['evergreen', 'termed'] } },
} as const;

export const startOn = {
  type: 'object',
  additionalProperties: false,
  required: ['contract_effective'],
  properties: { contract_effective: date, service_activation: date, customer_acceptance: date },
} as const;

const processingOptions = {
  type: 'object',
  additionalProperties: false,
  properties: {
    document_date: date,
    target_date: date,
    collection_method: { enum: ['collect_payment', 'create_invoice', 'process_refund', 'run_billing'] },
    payment_method_id: str,
  },
} as const;

const price = {
  type: 'object',
  additionalProperties: false,
  required: ['price_id'],
  properties: {
    price_id: str,
    quantity: { type: 'number', minimum: 0 },
    amount: { type: 'number' },
    unit_amount: { type: 'number' },
    discount_amount: { type: 'number' },
    discount_percent: { type: 'number' },
    unique_token: str,
    custom_fields: customFields,
  },
} as const;

const planCreate = {
  type: 'object',
  additionalProperties: false,
  properties: { plan_id: str, plan_number: str, prices: { type: 'array', items: price }, unique_token: str, custom_fields: customFields },
} as const;

export const subscriptionCreate: AnySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['subscription_plans'],
  properties: {
    account_id: str,
    account_number: str,
    auto_renew: bool,
    subscription_number: str,
    initial_term: term,
    renewal_term: term,
    start_on: startOn,
    description: str,
    invoice_separately: bool,
    processing_options: processingOptions,
    custom_fields: customFields,
    subscription_plans: { type: 'array', minItems: 1, items: planCreate },
    payment_terms: str,
    currency: { type: 'string', minLength: 3, maxLength: 3 },
    change_reason: str,
  },
};

export const cancelBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    cancel_date: date,
    cancel_at: { enum: ['invoice_period_end', 'subscription_term_end'] },
    processing_options: processingOptions,
    write_off: bool,
    custom_fields: customFields,
    change_reason: str,
  },
} as const;

export const resumeBody = {
  type: 'object',
  additionalProperties: false,
  properties: { extend_term: bool, resume_date: date, resume_at: { enum: ['pause_date'] }, change_reason: str, custom_fields: customFields },
} as const;

export const pauseBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    pause_date: date,
    pause_at: { enum: ['invoice_period_end'] },
    pause_interval_count: { type: 'integer', minimum: 1 },
    pause_interval: interval,
    resume_behavior: resumeBody,
    change_reason: str,
    custom_fields: customFields,
  },
} as const;

const itemPatch = {
  type: 'object',
  additionalProperties: false,
  properties: { id: str, subscription_item_number: str, quantity: { type: 'number', minimum: 0 }, amount: { type: 'number' }, unit_amount: { type: 'number' }, discount_amount: { type: 'number' }, discount_percent: { type: 'number' }, custom_fields: customFields, start_date: date },
} as const;

export const subscriptionPatch: AnySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    description: str,
    custom_fields: customFields,
    terms: {
      type: 'object',
      additionalProperties: false,
      properties: { current_term: term, renewal_term: term, auto_renew: bool, start_on: startOn, change_reason: str },
    },
    start_on: startOn,
    add_subscription_plans: {
      type: 'array',
      items: { type: 'object', additionalProperties: false, required: ['subscription_plan'], properties: { subscription_plan: planCreate, start_on: startOn, change_reason: str } },
    },
    remove_subscription_plans: {
      type: 'array',
      items: { type: 'object', additionalProperties: false, required: ['subscription_plan_id'], properties: { subscription_plan_id: str, start_on: startOn, unique_token: str, change_reason: str } },
    },
    update_subscription_plans: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['subscription_plan'],
        properties: {
          subscription_plan: {
            type: 'object',
            additionalProperties: false,
            required: ['subscription_plan_id'],
            properties: { subscription_plan_id: str, unique_token: str, custom_fields: customFields, subscription_items: { type: 'array', items: itemPatch } },
          },
          start_on: startOn,
          start_date: date,
          change_reason: str,
        },
      },
    },
    renew: { type: 'object', additionalProperties: false, properties: { start_on: startOn, change_reason: str } },
    cancel: cancelBody,
    pause: pauseBody,
    resume: resumeBody,
    change_reason: str,
  },
};
