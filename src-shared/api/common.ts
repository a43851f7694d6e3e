// Schemas shared by several API domains.
import { z } from 'zod';

export const Id = z.string().min(1).max(64);
export const IsoTime = z.string().min(1).max(40);
export const FieldValueSchema = z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]);
export const SortDirection = z.enum(['asc', 'desc']);
