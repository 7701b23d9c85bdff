/**
 * One Adam update (Kingma & Ba 2015) over n parameters, in place, no allocation:
 *   m ← β₁ m + (1 − β₁) g,  v ← β₂ v + (1 − β₂) g²,  θ ← θ − lr · m̂ / (√v̂ + ε)
 * with g = scale · grads (e.g. 1 / batch size) and bias-corrected m̂, v̂ at step t (1-based).
 */
export function adamStep(
  n: number,
  params: Float64Array,
  grads: Float64Array,
  scale: number,
  m: Float64Array,
  v: Float64Array,
  lr: number,
  beta1: number,
  beta2: number,
  eps: number,
  t: number,
): void {
  const c1 = 1 - beta1 ** t;
  const c2 = 1 - beta2 ** t;
  for (let k = 0; k < n; k++) {
    const g = scale * (grads[k] as number);
    const mk = beta1 * (m[k] as number) + (1 - beta1) * g;
    const vk = beta2 * (v[k] as number) + (1 - beta2) * g * g;
    m[k] = mk;
    v[k] = vk;
    params[k] = (params[k] as number) - (lr * (mk / c1)) / (Math.sqrt(vk / c2) + eps);
  }
}
