// A change sent from a form: on refusal the server's field details go under their fields (the rest
// in <ErrorAlert>); on success the named queries are refreshed.
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import { applyFieldErrors } from './form-errors';

interface Options<TVars, TRes> {
  form?: FormInstance;
  /** Query keys (prefixes) to refresh after success. */
  invalidate?: QueryKey[];
  onSuccess?: (result: TRes, vars: TVars) => void | Promise<void>;
}

export function useFormMutation<TVars, TRes>(fn: (vars: TVars) => Promise<TRes>, opts: Options<TVars, TRes> = {}) {
  const qc = useQueryClient();
  return useMutation<TRes, Error, TVars>({
    mutationFn: fn,
    onSuccess: async (res, vars) => {
      await Promise.all((opts.invalidate ?? []).map((queryKey) => qc.invalidateQueries({ queryKey })));
      await opts.onSuccess?.(res, vars);
    },
    onError: (e) => {
      if (opts.form) applyFieldErrors(opts.form, e);
    },
  });
}
