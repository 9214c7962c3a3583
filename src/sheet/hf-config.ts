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
  // The longest context the model accepts, not the sequence length it was trained on.
  ["max_position_embeddings", "context_window"],
  ["n_positions", "context_window"],
  ["num_local_experts", "n_experts"],
  ["n_routed_experts", "n_experts"],
  ["num_experts_per_tok", "top_k"],
  ["n_shared_experts", "n_shared_experts"],
  ["sliding_window", "window"],
];

/**
 * What a model type implies where its config does not say: the transformers library's own
 * defaults (Gemma ties its embeddings; Qwen2 puts biases on q, k and v; GPT-2's MLP is plain).
 */
const FAMILIES: Readonly<Record<string, { readonly ffnMatrices: 2 | 3; readonly qkvBias?: boolean; readonly tied: boolean }>> = {
  llama: { ffnMatrices: 3, tied: false },
  mistral: { ffnMatrices: 3, tied: false },
  mixtral: { ffnMatrices: 3, tied: false },
  qwen2: { ffnMatrices: 3, qkvBias: true, tied: false },
  gemma: { ffnMatrices: 3, tied: true },
  gemma2: { ffnMatrices: 3, tied: true },
  gpt2: { ffnMatrices: 2, tied: true },
};

const DTYPE_BYTES: Readonly<Record<string, number>> = { bfloat16: 2, float16: 2, float32: 4, float8_e4m3fn: 1 };

/** A JSON number kept as the text it was written as, so that no digit is lost to a double. */
interface NumberText {
  readonly number: string;
}

const isNumberText = (v: unknown): v is NumberText => typeof v === "object" && v !== null && "number" in v && Object.keys(v).length === 1;

/**
 * JSON.parse, with every number literal kept as its text: `4096` stays "4096", and an integer
 * past 2⁵³ keeps all its digits (JSON.parse would round it). Strings are left as they are.
 */
function parseJsonExact(text: string): unknown {
  const MARK = "\u0000n:";
  let out = "";
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      out += c;
      if (c === "\\") out += text[++i] ?? "";
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
      continue;
    }
    const m = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (m && (c === "-" || (c >= "0" && c <= "9"))) {
      out += JSON.stringify(MARK + m[0]);
      i += m[0].length - 1;
      continue;
    }
    out += c;
  }
  return JSON.parse(out, (_key, value: unknown) => (typeof value === "string" && value.startsWith(MARK) ? { number: value.slice(MARK.length) } : value));
}

/** A number's text as an exact integer, or undefined when it is not one (1e3 is 1000; 4.5 is not). */
function exactInteger(text: string): bigint | undefined {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return undefined;
  const frac = (m[3] ?? "").replace(/0+$/, "");
  const exp = Number(m[4] ?? 0) - frac.length;
  if (exp < 0 || exp > 400) return undefined;
  return BigInt(`${m[1]}${m[2]}${frac}`) * 10n ** BigInt(exp);
}

/**
 * The YAML text of a preset for a config.json. Numbers are carried as written (all digits kept);
 * a head dimension that hidden_size / num_attention_heads does not give as a whole number is
 * refused unless the config states `head_dim`.
 *
 * @example presetYamlFromConfig('{"hidden_size": 4096, "num_hidden_layers": 32}', "config.json")
 * @throws FlopsheetError when the file is not a JSON object, or its head dimension is not whole.
 */
export function presetYamlFromConfig(text: string, path: string): string {
  // The path lands in a YAML comment and a string: no line break may start a field of its own.
  const shown = path.replace(/[\u0000-\u001f\u007f]/g, "?");
  let config: unknown;
  try {
    config = parseJsonExact(text);
  } catch (e) {
    throw new FlopsheetError({ code: "INVALID_VALUE", message: `${shown} is not JSON: ${(e as Error).message.replace(/\u0000n:/g, "")}` });
  }
  if (config === null || typeof config !== "object" || Array.isArray(config) || isNumberText(config)) {
    throw new FlopsheetError({ code: "INVALID_VALUE", message: `${shown} is not a JSON object of model settings` });
  }
  const c = config as Record<string, unknown>;
  const values = new Map<string, [string, string]>();
  for (const [key, name] of KEYS) {
    const v = c[key];
    if (isNumberText(v) && !values.has(name)) values.set(name, [v.number, key]);
  }
  const d = values.has("d_model") ? exactInteger(values.get("d_model")![0]) : undefined;
  const h = values.has("n_heads") ? exactInteger(values.get("n_heads")![0]) : undefined;
  if (!values.has("d_head") && d !== undefined && h !== undefined && h > 0n) {
    if (d % h !== 0n) {
      throw new FlopsheetError({
        code: "INVALID_VALUE",
        message: `${shown}: hidden_size ${d} is not a multiple of num_attention_heads ${h}, so the head dimension is not a whole number; a config for such a model states head_dim`,
      });
    }
    values.set("d_head", [(d / h).toString(), "hidden_size / num_attention_heads"]);
  }
  if (!values.has("n_kv_heads") && values.has("n_heads")) values.set("n_kv_heads", [values.get("n_heads")![0], "num_attention_heads (no num_key_value_heads: one per head)"]);
  // A window only where the model uses one (Qwen2 states sliding_window with use_sliding_window false).
  if (c.use_sliding_window === false) values.delete("window");
  const type = typeof c.model_type === "string" ? c.model_type : undefined;
  const family = type !== undefined && Object.hasOwn(FAMILIES, type) ? FAMILIES[type] : undefined;
  if (family) {
    values.set("ffn_matrices", [String(family.ffnMatrices), `model_type ${type} (${family.ffnMatrices === 3 ? "gated feed-forward" : "plain feed-forward"})`]);
    if (family.qkvBias) values.set("qkv_bias", ["1", `model_type ${type} (biases on the query, key and value projections)`]);
  }
  const tie = typeof c.tie_word_embeddings === "boolean" ? c.tie_word_embeddings : family?.tied;
  if (tie !== undefined) values.set("tied_embeddings", [tie ? "1" : "0", typeof c.tie_word_embeddings === "boolean" ? `tie_word_embeddings ${c.tie_word_embeddings}` : `model_type ${type} (tied by default)`]);
  const bytes = typeof c.torch_dtype === "string" && Object.hasOwn(DTYPE_BYTES, c.torch_dtype) ? DTYPE_BYTES[c.torch_dtype] : undefined;
  if (bytes !== undefined) values.set("bytes_per_value", [String(bytes), `torch_dtype ${c.torch_dtype}`]);
  const name = typeof c._name_or_path === "string" ? c._name_or_path : typeof c.model_type === "string" ? c.model_type : shown;
  const tied = c.tie_word_embeddings === true ? "input and output embeddings tied" : c.tie_word_embeddings === false ? "input and output embeddings untied" : undefined;
  const lines = [
    `# Imported by flopsheet import-config from ${JSON.stringify(shown)}.`,
    `title: ${JSON.stringify(String(name))}`,
    `source: ${JSON.stringify(`${shown} (Hugging Face config)`)}`,
    ...(tied ? [`note: ${JSON.stringify(tied)}`] : []),
    "values:",
    // A JSON number's text is a plain YAML scalar, read as text (failsafe schema): every digit stays.
    ...[...values].map(([n, [v, key]]) => `  ${n}: {value: ${v}, source: ${JSON.stringify(`config.json: ${key}`)}}`),
  ];
  return lines.join("\n") + "\n";
}
