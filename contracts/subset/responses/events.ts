import type { OpenAPIV3 } from 'openapi-types';
import { array, bool, map, nullable, num, object, oneOf, ref, str, type SchemaMap } from '../schema.js';

// Event triggers, callout templates and notification definitions (EventTrigger,
// GETPublicCalloutTemplateResponse, GETPublicNotificationDefinitionResponse of the V1 spec), plus
// the `description` members the compact V1 spec lost (see SOURCES.md).

const HTTP_METHODS = ['POST', 'GET', 'PUT', 'PATCH', 'DELETE'] as const;
const NAMESPACES = ['user.notification', 'com.zuora.notification'] as const;

/** The password is never answered. */
const calloutAuth = nullable(object({ username: str(), domain: str(), preemptive: bool() }));

/** A list page of the events and notifications APIs: `next` is the following page's path, absent on the last. */
const page = (item: string): OpenAPIV3.SchemaObject => object({ data: array(ref(item)), next: str() }, ['data']);

export const EVENTS_SCHEMAS: SchemaMap = {
  EventTrigger: object(
    {
      id: str(),
      baseObject: str(),
      condition: str(),
      eventType: object({ name: str(), displayName: str(), description: str(), namespace: str() }, ['name', 'displayName']),
      active: bool(),
      description: str(),
    },
    ['id', 'baseObject', 'condition', 'eventType', 'active'],
  ),
  EventTriggerList: page('EventTrigger'),
  CalloutTemplate: object(
    {
      id: str(),
      name: str(),
      description: nullable(str()),
      eventCategory: num(),
      eventTypeName: str(),
      eventTypeNamespace: oneOf(...NAMESPACES),
      active: bool(),
      calloutBaseurl: str(),
      httpMethod: oneOf(...HTTP_METHODS),
      contentType: str(),
      calloutParams: nullable(map(str())),
      calloutHeaders: nullable(map(str())),
      calloutRetry: bool(),
      requiredAuth: bool(),
      calloutAuth,
      requiredOauth2: bool(),
      oauth2ProviderId: nullable(str()),
      useCustomRequestBody: bool(),
      customRequestBody: nullable(str()),
      confirmSuccessFromResponseContent: bool(),
      certificate: nullable(str()),
      hmacAlgorithm: nullable(oneOf('MD5', 'SHA-1', 'SHA-224', 'SHA-256', 'SHA-384', 'SHA-512')),
      hmacKey: nullable(str()),
      hmacSecret: nullable(str()),
      hmacData: nullable(str()),
      hmacValue: nullable(str()),
      hmacOutputFormat: nullable(oneOf('BASE64', 'HEX')),
      createdBy: str(),
      createdOn: str(),
      updatedBy: str(),
      updatedOn: str(),
    },
    ['id', 'name', 'calloutBaseurl', 'httpMethod'],
  ),
  CalloutTemplateList: page('CalloutTemplate'),
  NotificationDefinition: object(
    {
      id: str(),
      name: str(),
      description: nullable(str()),
      active: bool(),
      eventCategory: num(),
      eventTypeName: str(),
      eventTypeNamespace: oneOf(...NAMESPACES),
      eventId: str(),
      calloutActive: bool(),
      calloutTemplateIds: array(str()),
      callout: object({
        id: str(),
        name: str(),
        active: bool(),
        eventTypeName: str(),
        calloutBaseurl: str(),
        httpMethod: oneOf(...HTTP_METHODS),
        calloutParams: map(str()),
        calloutRetry: bool(),
        requiredAuth: bool(),
        calloutAuth,
        requiredOauth2: bool(),
        oauth2ProviderId: str(),
      }),
      emailActive: bool(),
      emailTemplateId: str(),
      communicationProfileId: str(),
      communicationProfileIds: array(str()),
      associatedAccount: str(),
      filterRule: object({ id: str(), condition: str(), eventTypeName: str(), parameters: map(object({})) }),
      filterRuleParams: map(str()),
      createdBy: str(),
      createdOn: str(),
      updatedBy: str(),
      updatedOn: str(),
    },
    ['id', 'name'],
  ),
  NotificationDefinitionList: page('NotificationDefinition'),
};
