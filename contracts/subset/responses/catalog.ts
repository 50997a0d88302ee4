import { always, array, date, map, nullable, object, oneOf, ref, str, type SchemaMap } from '../schema.js';

// V1 catalog reads (GETCatalogType, GETProductType, GETProductRatePlansResponse,
// GETProductRatePlanWithExternalIdResponse). A product's `productRatePlans` is the list of plans
// with their charges, as Zuora's wire sends it (its spec types the member as a string).

const planFields = {
  id: str(),
  name: str(),
  description: nullable(str()),
  status: oneOf('Active', 'Expired', 'NotStarted'),
  effectiveStartDate: date(),
  effectiveEndDate: date(),
  productRatePlanNumber: str(),
  externallyManagedPlanIds: array(str()),
  grade: nullable({ type: 'number' }),
  ExternalIdSourceSystem: nullable(str()),
  organizationLabels: nullable(array(object({ organizationId: str(), organizationName: str() }))),
};

const planWithCharges = object({ ...planFields, productRatePlanCharges: array(ref('V1CatalogCharge')) }, ['id', 'name', 'productRatePlanCharges']);

const productFields = {
  id: str(),
  sku: str(),
  name: str(),
  description: nullable(str()),
  category: nullable(str()),
  effectiveStartDate: date(),
  effectiveEndDate: date(),
  productNumber: nullable(str()),
  productFeatures: array(map()),
  tags: nullable(str()),
  organizationLabels: nullable(array(object({ organizationId: str(), organizationName: str() }))),
  productRatePlans: array(ref('V1CatalogRatePlan')),
};

export const CATALOG_SCHEMAS: SchemaMap = {
  V1CatalogRatePlan: planWithCharges,
  V1CatalogProduct: object(productFields, ['id', 'name', 'productRatePlans']),
  V1CatalogResponse: object({ success: always(true), products: array(ref('V1CatalogProduct')), nextPage: nullable(str()) }, ['success', 'products']),
  V1CatalogProductResponse: object({ success: always(true), ...productFields }, ['success', 'id', 'productRatePlans']),
  V1ProductRatePlansResponse: object(
    { success: always(true), productRatePlans: array(ref('V1CatalogRatePlan')), nextPage: nullable(str()) },
    ['success', 'productRatePlans'],
  ),
  V1ProductRatePlanResponse: object({ success: always(true), ...planFields }, ['success', 'id', 'name', 'status']),
};
