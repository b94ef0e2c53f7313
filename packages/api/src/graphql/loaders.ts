import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ClassType } from 'type-graphql';
import {
  Customer,
  CustomerPaymentProfile,
  Invoice,
  OnlinePayment,
  Payment,
  PaymentGatewayKey,
  PaymentGatewayTransaction,
  Refund,
} from '../db/entities/index.js';

/** Loads rows by id in one query per entity type per tick, so a page costs a constant number of queries. */
function byId<T extends { id: string }>(em: EntityManager, entity: ClassType<T>) {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows: T[] = await em.find(entity, { id: { $in: [...ids] } } as object);
    const found = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

/** Loads the children of many payments in one query, oldest first. */
function byPayment<T extends { payment: Payment; createdAt: Date }>(em: EntityManager, entity: ClassType<T>) {
  return new DataLoader<string, T[]>(async (paymentIds) => {
    const rows: T[] = await em.find(entity, { payment: { $in: [...paymentIds] } } as object, {
      orderBy: { createdAt: 'asc' } as object,
    });
    return paymentIds.map((id) => rows.filter((row) => row.payment.id === id));
  });
}

export function createLoaders(em: EntityManager) {
  return {
    customer: byId(em, Customer),
    invoice: byId(em, Invoice),
    gatewayKey: byId(em, PaymentGatewayKey),
    profile: byId(em, CustomerPaymentProfile),
    onlinePayment: byId(em, OnlinePayment),
    payment: byId(em, Payment),
    transactionsByPayment: byPayment(em, PaymentGatewayTransaction),
    refundsByPayment: byPayment(em, Refund),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
