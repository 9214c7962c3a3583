/**
 * A Hugging Face `config.json` as a model preset: the keys the transformers library writes,
 * mapped to vocabulary names, each value citing the key it came from.
 */
import { FlopsheetError } from "../core/errors.js";

/** config.json key → vocabulary name. */
const KEYS: readonly [string, string][] = [
  ["num_hidden_layers", "n_layers"],
  ["n_layer", "n_layers"],
  ["hidden_size", "d_model"],
  ["n_embd", "d_model"],
  ["num_attention_heads", "n_heads"],
  ["n_head", "n_heads"],
  ["num_key_value_heads", "n_kv_heads"],
  ["head_dim", "d_head"],
  ["intermediate_size", "d_ff"],
  ["n_inner", "d_ff"],
  ["vocab_size", "vocab_size"],
  ["max_position_embeddings", "seq_len"],
  ["n_positions", "seq_len"],
  ["num_local_experts", "n_experts"],
  ["n_routed_experts", "n_experts"],
  ["num_experts_per_tok", "top_k"],
  ["n_shared_experts", "n_shared_experts"],
  ["sliding_window", "window"],
];

/**
 * The YAML text of a preset for a config.json.
 *
 * @example presetYamlFromConfig('{"hidden_size": 4096, "num_hidden_layers": 32}', "config.json")
 * @throws FlopsheetError when the file is not a JSON object.
 */
export function presetYamlFromConfig(text: string, path: string): string {
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (e) {
    throw new FlopsheetError({ code: "INVALID_VALUE", message: `${path} is not JSON: ${(e as Error).message}` });
  }
  if (config === null || typeof config !== "object" || Array.isArray(config)) {
    throw new FlopsheetError({ code: "INVALID_VALUE", message: `${path} is not a JSON object of model settings` });
  }
  const c = config as Record<string, unknown>;
  const values = new Map<string, [number, string]>();
  for (const [key, name] of KEYS) {
    const v = c[key];
    if (typeof v === "number" && Number.isFinite(v) && !values.has(name)) values.set(name, [v, key]);
  }
  const d = values.get("d_model")?.[0];
  const h = values.get("n_heads")?.[0];
  if (!values.has("d_head") && d !== undefined && h !== undefined && h > 0) values.set("d_head", [d / h, "hidden_size / num_attention_heads"]);
  if (!values.has("n_kv_heads") && h !== undefined) values.set("n_kv_heads", [h, "num_attention_heads (no num_key_value_heads: one per head)"]);
  const name = typeof c._name_or_path === "string" ? c._name_or_path : typeof c.model_type === "string" ? c.model_type : path;
  const tied = c.tie_word_embeddings === true ? "input and output embeddings tied" : c.tie_word_embeddings === false ? "input and output embeddings untied" : undefined;
  const lines = [
    `# Imported by flopsheet import-config from ${path}.`,
    `title: ${JSON.stringify(String(name))}`,
    `source: ${JSON.stringify(`${path} (Hugging Face config)`)}`,
    ...(tied ? [`note: ${JSON.stringify(tied)}`] : []),
    "values:",
    ...[...values].map(([n, [v, key]]) => `  ${n}: {value: ${Number.isInteger(v) ? v : JSON.stringify(String(v))}, source: ${JSON.stringify(`config.json: ${key}`)}}`),
  ];
  return lines.join("\n") + "\n";
}
