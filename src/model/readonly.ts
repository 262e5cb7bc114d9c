/**
 * A read-only view of a value, nested objects and arrays included. Reporters and the helpers they call
 * take results through it: they describe a run, they never change it. A mutable value is assignable
 * to its view, so the runner's own callers need no conversion.
 */
export type ReadonlyView<T> = T extends (infer U)[]
  ? readonly ReadonlyView<U>[]
  : T extends object
    ? { readonly [K in keyof T]: ReadonlyView<T[K]> }
    : T;
