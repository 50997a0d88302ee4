import { always, array, bool, date, map, num, object, oneOf, str, type SchemaMap } from '../schema.js';

// `/v1/object/*` (CRUD, capitalised fields) and the custom objects API's definitions.

export const CRUD_SCHEMAS: SchemaMap = {
  /** A CRUD read of any modelled object: its fields capitalised, those without a value left out, custom fields beside them. */
  CrudRecord: object({ Id: str(), CreatedDate: str(), UpdatedDate: str() }, ['Id']),
  /** ProxyDeleteResponse. */
  CrudDeleted: object({ success: always(true), id: str() }, ['success', 'id']),
  ProxyCreateOrModifyResponse: object({ Success: always(true), Id: str() }, ['Success', 'Id']),
  /** ProxyGetInvoice of the 2017 spec: the current V1 spec no longer has the CRUD invoice read. */
  CrudInvoice: object(
    {
      Id: str(),
      AccountId: str(),
      InvoiceNumber: str(),
      InvoiceDate: date(),
      TargetDate: date(),
      DueDate: date(),
      Status: str(),
      Amount: num(),
      AmountWithoutTax: num(),
      TaxAmount: num(),
      TaxExemptAmount: num(),
      Balance: num(),
      PaymentAmount: num(),
      AdjustmentAmount: num(),
      CreditBalanceAdjustmentAmount: num(),
      RefundAmount: num(),
      IncludesOneTime: bool(),
      IncludesRecurring: bool(),
      IncludesUsage: bool(),
      PostedDate: str(),
      PostedBy: str(),
      Comments: str(),
      CreatedById: str(),
      CreatedDate: str(),
      UpdatedById: str(),
      UpdatedDate: str(),
    },
    ['Id'],
  ),
  /** CustomObjectDefinition, the shape both the read and the emulator's own PUT answer with. */
  CustomFieldDefinition: object(
    {
      Id: str(),
      CreatedById: str(),
      CreatedDate: str(),
      UpdatedById: str(),
      UpdatedDate: str(),
      type: str(),
      schema: object({
        object: str(),
        label: str(),
        type: oneOf('object'),
        properties: map(object({ type: str(), label: str(), maxLength: { type: 'integer' } })),
        required: array(str()),
        filterable: array(str()),
        unique: array(str()),
        auditable: array(str()),
      }),
    },
    ['Id', 'type', 'schema'],
  ),
};
