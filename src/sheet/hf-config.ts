/**
 * A Hugging Face `config.json` as a model preset: the keys the transformers library writes,
 * mapped to vocabulary names, each value citing the key it came from. A value that cannot be what
 * its key means (a layer count of 32.5, a size written as a string, a negative size) is a located
 * error; keys that flopsheet does not read are listed, so nothing in a config is dropped unsaid.
 */
import { FlopsheetError, SourceText, type Issue } from "../core/errors.js";
import { parseJsonExact, type JsonValue } from "./json-exact.js";
import type { UnreadKey } from "./preset.js";
import { presetText, type FlowField } from "./preset-text.js";
import type { YamlTree } from "./yaml-tree.js";

type Kind = "count" | "size" | "optional";

/**
 * config.json key → vocabulary name, and what the value must be: a `count` is a whole number of
 * at least 1, a `size` a whole number of at least 0, `optional` a size that null means "none".
 */
const KEYS: readonly (readonly [string, string, Kind])[] = [
  ["num_hidden_layers", "n_layers", "count"],
  ["n_layer", "n_layers", "count"],
  ["hidden_size", "d_model", "count"],
  ["n_embd", "d_model", "count"],
  ["num_attention_heads", "n_heads", "count"],
  ["n_head", "n_heads", "count"],
  ["num_key_value_heads", "n_kv_heads", "count"],
  // Falcon's new decoder architecture (40B, 180B) names its key-value heads so.
  ["num_kv_heads", "n_kv_heads", "count"],
  ["head_dim", "d_head", "optional"],
  ["intermediate_size", "d_ff", "count"],
  ["ffn_hidden_size", "d_ff", "count"],
  ["n_inner", "d_ff", "optional"],
  ["vocab_size", "vocab_size", "count"],
  // The longest context the model accepts, not the sequence length it was trained on.
  ["max_position_embeddings", "context_window", "count"],
  ["n_positions", "context_window", "count"],
  ["num_local_experts", "n_experts", "count"],
  ["n_routed_experts", "n_experts", "optional"],
  ["num_experts", "n_experts", "optional"],
  ["num_experts_per_tok", "top_k", "optional"],
  ["n_shared_experts", "n_shared_experts", "optional"],
  ["moe_intermediate_size", "d_ff_expert", "optional"],
  ["shared_expert_intermediate_size", "d_ff_shared", "optional"],
  ["sliding_window", "window", "optional"],
  ["q_lora_rank", "q_lora_rank", "optional"],
  ["kv_lora_rank", "kv_lora_rank", "optional"],
  ["qk_rope_head_dim", "qk_rope_head_dim", "optional"],
  ["qk_nope_head_dim", "qk_nope_head_dim", "optional"],
  // Not vocabulary names: v_head_dim stands for d_head below, where the config has no head_dim.
  ["v_head_dim", "v_head_dim", "optional"],
];

/** Keys read for what they say of the architecture, besides those in KEYS. */
const READ = new Set([
  "model_type", "tie_word_embeddings", "torch_dtype", "use_sliding_window", "text_config", "_name_or_path", "attention_bias", "mlp_bias",
  "max_window_layers", "layer_types", "first_k_dense_replace", "moe_layer_freq", "decoder_sparse_step", "mlp_only_layers",
  "multi_query", "parallel_attn", "new_decoder_architecture", "bias",
]);

/**
 * Keys that say nothing about parameters, FLOPs or memory (token ids, dropout, initialisation,
 * numerical epsilons, positions' frequencies, bookkeeping): not listed as unread.
 */
const IRRELEVANT = new Set([
  "architectures", "auto_map", "attention_dropout", "attn_pdrop", "embd_pdrop", "resid_pdrop", "hidden_dropout", "hidden_dropout_prob",
  "attention_probs_dropout_prob", "bos_token_id", "eos_token_id", "pad_token_id", "initializer_range", "rms_norm_eps", "layer_norm_eps",
  "layer_norm_epsilon", "rope_theta", "rope_scaling", "transformers_version", "use_cache", "hidden_act", "activation_function",
  "output_router_logits", "router_aux_loss_coef", "router_jitter_noise", "pretraining_tp", "summary_activation",
  "summary_first_dropout", "summary_proj_to_labels", "summary_type", "summary_use_proj", "task_specific_params", "scale_attn_weights",
  "reorder_and_upcast_attn", "scale_attn_by_inverse_layer_idx", "n_ctx", "quantization_config", "aux_loss_alpha", "seq_aux",
  "norm_topk_prob", "routed_scaling_factor", "scoring_func", "topk_method", "n_group", "topk_group", "ep_size",
  "ignore_index", "image_token_index", "projector_hidden_act", "vision_feature_layer", "vision_feature_select_strategy", "image_seq_length",
]);

/**
 * What a model type implies where its config does not say: the transformers library's own
 * defaults (Gemma ties its embeddings; Qwen2 puts biases on q, k and v; GPT-2's MLP is plain,
 * every one of its linear layers has a bias, and it learns its position embeddings).
 */
interface Family {
  readonly ffnMatrices: 2 | 3;
  readonly qkvBias?: boolean;
  readonly tied: boolean;
  readonly gpt2?: boolean;
  /** A feed-forward width left out is 4 × d_model (GPT-2's n_inner, FalconConfig's ffn_hidden_size). */
  readonly fourTimesWidth?: boolean;
  /** Every linear layer and LayerNorm has a bias, but positions are rotary (GPT-NeoX, Pythia). */
  readonly allBiases?: boolean;
  /** Norms per layer where not two: Gemma 2 normalises before and after each block. */
  readonly normsPerLayer?: number;
  /** Sliding windows on every other layer, from the first (Gemma 2: layer_idx % 2 == 0). */
  readonly alternateWindows?: boolean;
  /** OLMo's LayerNorm has neither scale nor bias. */
  readonly normWithoutWeights?: boolean;
  /** OLMo 2 normalises the queries and keys over all heads. */
  readonly qkNorm?: boolean;
  /** Config keys' defaults in transformers' config class: [key, vocabulary name, value]. */
  readonly defaults?: readonly (readonly [string, string, string])[];
}

// transformers' LlamaConfig defaults (LLaVA's text_config states only what differs from them).
const LLAMA_DEFAULTS = [
  ["hidden_size", "d_model", "4096"],
  ["intermediate_size", "d_ff", "11008"],
  ["num_hidden_layers", "n_layers", "32"],
  ["num_attention_heads", "n_heads", "32"],
  ["vocab_size", "vocab_size", "32000"],
  ["max_position_embeddings", "context_window", "2048"],
] as const;
const FAMILIES: Readonly<Record<string, Family>> = {
  llama: { ffnMatrices: 3, tied: false, defaults: LLAMA_DEFAULTS },
  mistral: { ffnMatrices: 3, tied: false },
  mixtral: { ffnMatrices: 3, tied: false },
  qwen2: { ffnMatrices: 3, qkvBias: true, tied: false },
  qwen2_moe: { ffnMatrices: 3, qkvBias: true, tied: false },
  gemma: { ffnMatrices: 3, tied: true },
  // Gemma2DecoderLayer: input, post-attention, pre- and post-feed-forward norms; is_sliding on even layers.
  gemma2: { ffnMatrices: 3, tied: true, normsPerLayer: 4, alternateWindows: true },
  deepseek_v2: { ffnMatrices: 3, tied: false },
  deepseek_v3: { ffnMatrices: 3, tied: false },
  gpt2: { ffnMatrices: 2, tied: true, gpt2: true, fourTimesWidth: true },
  // Phi3MLP: gate_up_proj (gate and up fused) and down_proj, a gated block; qkv_proj fused, no biases.
  phi3: { ffnMatrices: 3, tied: false },
  // GPTNeoXLayer: query_key_value and dense with biases (attention_bias defaults to true), a plain
  // MLP with biases, two LayerNorms; embed_out untied; rotary on part of each head (no parameters).
  gpt_neox: { ffnMatrices: 2, tied: false, allBiases: true },
  // OlmoLayerNorm: no parameters at all; a gated MLP, no biases.
  olmo: { ffnMatrices: 3, tied: false, normWithoutWeights: true },
  // Olmo2DecoderLayer: RMSNorms after attention and after the MLP; q_norm and k_norm over all heads.
  olmo2: { ffnMatrices: 3, tied: false, qkNorm: true },
  // FalconDecoderLayer: LayerNorms with biases, linear layers biased only with bias true, a plain
  // 4h MLP, multi-query attention (multi_query) or num_kv_heads (new_decoder_architecture).
  falcon: { ffnMatrices: 2, tied: true, fourTimesWidth: true },
};

const PARAMS = ["params", "active_params", "non_embedding_params"];
const FLOPS = ["forward_flops_per_token", "training_flops_per_token", "training_flops", "training_hardware_flops", "training_pf_days", "training_days", "mfu", "hfu"];

/**
 * Keys flopsheet does not read but knows the effect of. `affects: []`: no parameter, FLOP or byte
 * that any sheet counts changes (listed as harmless); otherwise the quantities it changes, which
 * alone are marked as not fully counted.
 */
const KNOWN_UNREAD: Readonly<Record<string, { readonly note: string; readonly affects: readonly string[] }>> = {
  original_max_position_embeddings: { note: "the context length before rotary scaling", affects: [] },
  attn_logit_softcapping: { note: "a tanh cap on attention scores", affects: [] },
  final_logit_softcapping: { note: "a tanh cap on the logits", affects: [] },
  query_pre_attn_scalar: { note: "the scale of the queries", affects: [] },
  cache_implementation: { note: "how the serving library stores the cache", affects: [] },
  hidden_activation: { note: "the activation function", affects: [] },
  partial_rotary_factor: { note: "how much of each head is rotated", affects: [] },
  rope_parameters: { note: "rotary positions' frequencies", affects: [] },
  use_qk_norm: { note: "norms of the queries and keys", affects: PARAMS },
  sliding_window_size: { note: "the same window as sliding_window", affects: [] },
  rotary_pct: { note: "how much of each head is rotated", affects: [] },
  rotary_emb_base: { note: "rotary positions' frequencies", affects: [] },
  use_parallel_residual: { note: "attention and MLP side by side (no parameter or FLOP changes)", affects: [] },
  clip_qkv: { note: "a clip on the queries, keys and values", affects: [] },
  alibi: { note: "ALiBi positions, which add no parameters", affects: [] },
  apply_residual_connection_post_layernorm: { note: "where the residual is taken", affects: [] },
  // DeepSeek-V3's multi-token prediction module ships in its checkpoint but not in transformers' model.
  num_nextn_predict_layers: { note: "multi-token prediction layers, trained with the model but not counted", affects: [...PARAMS, ...FLOPS] },
};

const DTYPE_BYTES: Readonly<Record<string, number>> = { bfloat16: 2, float16: 2, float32: 4, float8_e4m3fn: 1 };

/** A number's text as an exact integer, or undefined when it is not one (1e3 is 1000; 4.5 is not). */
function exactInteger(text: string): bigint | undefined {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return undefined;
  const frac = (m[3] ?? "").replace(/0+$/, "");
  const exp = Number(m[4] ?? 0) - frac.length;
  if (exp < 0 || exp > 400) return undefined;
  return BigInt(`${m[1]}${m[2]}${frac}`) * 10n ** BigInt(exp);
}

export interface ImportedConfig {
  /** The preset's YAML text. */
  readonly yaml: string;
  /** Its tree, as the yaml package would parse it (readPreset takes it instead of parsing the text again). */
  readonly tree: YamlTree;
  /** Keys of the config that flopsheet does not read and that may bear on what it counts. */
  readonly unread: readonly UnreadKey[];
  /** Keys not read that are known to change nothing counted (rotary scaling, soft-capping, a wrapper's vision tower). */
  readonly harmless: readonly string[];
}

/**
 * A config.json as a preset. Numbers are carried as written (all digits kept); a multimodal
 * wrapper's `text_config` is read for the language model; a head dimension that hidden_size /
 * num_attention_heads does not give as a whole number is refused unless the config states one.
 *
 * @example importConfig('{"hidden_size": 4096, "num_hidden_layers": 32}', "config.json").yaml
 * @throws FlopsheetError listing every value that cannot be what its key means, each located.
 */
export function importConfig(text: string, path: string): ImportedConfig {
  // The path lands in a YAML comment and a string: no line break may start a field of its own.
  const shown = path.replace(/[\u0000-\u001f\u007f]/g, "?");
  const file = new SourceText(shown, text);
  const root = parseJsonExact(file);
  if (root.kind !== "object") throw new FlopsheetError({ code: "INVALID_VALUE", message: `${shown} is not a JSON object of model settings` });
  const issues: Issue[] = [];
  const wrapper = root.entries.get("text_config")?.value;
  // A multimodal model (LLaVA, Idefics) keeps its language model's settings in text_config.
  const inner = wrapper?.kind === "object" ? wrapper : undefined;
  const lookup = (key: string): { value: JsonValue; path: string } | undefined => {
    const own = inner?.entries.get(key);
    if (own) return { value: own.value, path: `text_config.${key}` };
    const top = root.entries.get(key);
    return top ? { value: top.value, path: key } : undefined;
  };
  const str = (key: string) => {
    const v = lookup(key)?.value;
    return v?.kind === "string" ? v.value : undefined;
  };
  const bool = (key: string) => {
    const v = lookup(key)?.value;
    return v?.kind === "boolean" ? v.value : undefined;
  };

  const values = new Map<string, [string, string]>();
  // A second key for a name already read (n_layer beside num_hidden_layers): listed, never dropped unsaid.
  const shadowed: UnreadKey[] = [];
  // Values worked out from others where the config does not state them: a setting of those recomputes them.
  const follows = new Map<string, string>();
  // Where each value read from a key is written, for an error about values that cannot be together.
  const spans = new Map<string, JsonValue["span"]>();
  for (const [key, name, kind] of KEYS) {
    const found = lookup(key);
    if (!found) continue;
    if (values.has(name)) {
      shadowed.push({ key: found.path, note: `not read: ${name} is taken from ${values.get(name)![1]}` });
      continue;
    }
    const { value: v, path: keyPath } = found;
    if (v.kind === "null" && kind === "optional") continue;
    if (v.kind !== "number") {
      const what = v.kind === "string" ? `the string ${JSON.stringify(v.value)}` : v.kind === "null" ? "null" : `a ${v.kind}`;
      issues.push(file.issue("INVALID_VALUE", `${keyPath} must be a number, not ${what}`, v.span));
      continue;
    }
    const n = exactInteger(v.text);
    const least = kind === "count" ? 1n : 0n;
    if (n === undefined || n < least) {
      const what = kind === "count" ? "count" : "size";
      issues.push(file.issue("INVALID_VALUE", `${keyPath} is ${v.text}, which is not a ${what}: it must be a whole number${kind === "count" ? " of at least 1" : ", not negative"}`, v.span));
      continue;
    }
    // Zero experts or a zero rank means the feature is absent (DeepSeek writes q_lora_rank null or 0).
    if (n === 0n && kind === "optional") continue;
    values.set(name, [n.toString(), keyPath]);
    spans.set(name, v.span);
  }
  if (issues.length > 0) throw new FlopsheetError(issues);

  // A config with none of the sizes a model has ({} or another tool's file) is no model.
  if (!["n_layers", "d_model", "n_heads"].some((n) => values.has(n)) && str("model_type") === undefined) {
    throw new FlopsheetError(file.issue("INVALID_VALUE", `${shown} has none of the keys of a model's config.json (num_hidden_layers, hidden_size, num_attention_heads, model_type): is it the model's config.json?`, root.span));
  }
  const type = str("model_type");
  const family = type !== undefined && Object.hasOwn(FAMILIES, type) ? FAMILIES[type] : undefined;
  // A key left out takes its model type's default (multimodal wrappers leave out most of them).
  for (const [key, name, value] of family?.defaults ?? []) {
    if (!values.has(name)) values.set(name, [value, `model_type ${type}, no ${key} (the transformers default, ${value})`]);
  }
  const int = (name: string) => (values.has(name) ? BigInt(values.get(name)![0]) : undefined);
  // GPT-2 leaves n_inner out, or null, and Falcon ffn_hidden_size, for the usual four times the width.
  const nInner = lookup("n_inner");
  if (!values.has("d_ff") && int("d_model") !== undefined && (nInner?.value.kind === "null" || (nInner === undefined && family?.fourTimesWidth))) {
    const why = nInner ? `${nInner.path} null` : `model_type ${type}, no ${type === "falcon" ? "ffn_hidden_size" : "n_inner"}`;
    values.set("d_ff", [(4n * int("d_model")!).toString(), `${why} (4 × ${values.get("d_model")![1]})`]);
    follows.set("d_ff", "4 × d_model");
  }
  // Multi-head latent attention has no single head_dim: its values are v_head_dim wide.
  if (!values.has("d_head") && values.has("v_head_dim")) values.set("d_head", [values.get("v_head_dim")![0], `${values.get("v_head_dim")![1]} (multi-head latent attention)`]);
  values.delete("v_head_dim");
  const d = int("d_model");
  const h = int("n_heads");
  if (!values.has("d_head") && d !== undefined && h !== undefined) {
    if (d % h !== 0n) {
      const [dKey, hKey] = [values.get("d_model")![1], values.get("n_heads")![1]];
      throw new FlopsheetError(
        file.issue("INVALID_VALUE", `${dKey} ${d} is not a multiple of ${hKey} ${h}, so the head dimension is not a whole number; a config for such a model states head_dim`, lookup(hKey.replace(/^text_config\./, ""))!.value.span),
      );
    }
    values.set("d_head", [(d / h).toString(), `${values.get("d_model")![1]} / ${values.get("n_heads")![1]}`]);
    follows.set("d_head", "d_model / n_heads");
  }
  if (!values.has("n_kv_heads") && values.has("n_heads")) {
    values.set("n_kv_heads", [values.get("n_heads")![0], `${values.get("n_heads")![1]} (no num_key_value_heads: one per head)`]);
    follows.set("n_kv_heads", "n_heads");
  }
  // A window only where the model uses one (Qwen2 states sliding_window with use_sliding_window false).
  if (bool("use_sliding_window") === false) values.delete("window");
  if (family) {
    values.set("ffn_matrices", [String(family.ffnMatrices), `model_type ${type} (${family.ffnMatrices === 3 ? "gated feed-forward" : "plain feed-forward"})`]);
    if (family.qkvBias) values.set("qkv_bias", ["1", `model_type ${type} (biases on the query, key and value projections)`]);
    if (family.gpt2) {
      values.set("qkv_bias", ["1", `model_type ${type} (every linear layer has a bias)`]);
      values.set("linear_biases", ["1", `model_type ${type} (every linear layer has a bias)`]);
      const positions = values.get("context_window");
      if (positions) {
        values.set("learned_positions", [positions[0], `${positions[1]} (model_type ${type} learns an embedding per position)`]);
        follows.set("learned_positions", "context_window");
      }
    }
  }
  // Values each possible alone but impossible together: more experts per token than there are,
  // key-value heads that do not divide the query heads (transformers' repeat_kv needs a whole group).
  const together: Issue[] = [];
  const kTop = int("top_k");
  const nExp = int("n_experts");
  if (kTop !== undefined && kTop > 1n && (nExp === undefined || nExp <= 1n)) {
    together.push(file.issue("INVALID_VALUE", `${values.get("top_k")![1]} is ${kTop}, but the config has no experts to route to (no num_local_experts, num_experts or n_routed_experts above 1)`, spans.get("top_k")!));
  } else if (kTop !== undefined && nExp !== undefined && kTop > nExp) {
    together.push(file.issue("INVALID_VALUE", `${values.get("top_k")![1]} is ${kTop}, more than the ${nExp} experts of ${values.get("n_experts")![1]}: a token cannot pass through more experts than there are`, spans.get("top_k")!));
  }
  const hq = int("n_heads");
  const hkv = int("n_kv_heads");
  // Only a count read from a key can fail to divide: one worked out (n_heads, or 1 for multi-query) divides.
  const kvSpan = spans.get("n_kv_heads");
  if (hq !== undefined && hkv !== undefined && kvSpan !== undefined && (hkv > hq || hq % hkv !== 0n)) {
    together.push(file.issue("INVALID_VALUE", `${values.get("n_kv_heads")![1]} is ${hkv}, which does not divide the ${hq} query heads of ${values.get("n_heads")![1]}: each key-value head serves a whole group of query heads`, kvSpan));
  }
  if (together.length > 0) throw new FlopsheetError(together);

  const unread: UnreadKey[] = [...shadowed];
  const harmless: string[] = [];
  const nLayers = int("n_layers");
  if (family?.allBiases) {
    for (const name of ["qkv_bias", "output_bias", "ffn_biases", "norm_biases"]) values.set(name, ["1", `model_type ${type} (biases on every linear layer and LayerNorm)`]);
  }
  if (family?.normsPerLayer !== undefined) values.set("norms_per_layer", [String(family.normsPerLayer), `model_type ${type} (${family.normsPerLayer} norms a layer)`]);
  if (family?.normWithoutWeights) values.set("norm_weights", ["0", `model_type ${type} (LayerNorm without scale or bias)`]);
  if (family?.qkNorm) values.set("qk_norm", ["1", `model_type ${type} (q_norm and k_norm over all heads)`]);
  // transformers' LlamaAttention gives o_proj the same bias as q, k and v (attention_bias); so do
  // GPT-NeoX's query_key_value and dense. DeepSeek's attention_bias is on other projections.
  const attentionBias = bool("attention_bias");
  if (attentionBias !== undefined && !type?.startsWith("deepseek")) {
    values.set("qkv_bias", [attentionBias ? "1" : "0", `attention_bias ${attentionBias}`]);
    values.set("output_bias", [attentionBias ? "1" : "0", `attention_bias ${attentionBias}`]);
  } else if (attentionBias === true) {
    unread.push({ key: lookup("attention_bias")!.path, note: "biases of the latent attention's projections are not counted", affects: PARAMS });
  }
  const mlpBias = bool("mlp_bias");
  if (mlpBias !== undefined) values.set("ffn_biases", [mlpBias ? "1" : "0", `mlp_bias ${mlpBias}`]);
  if (type === "falcon") readFalcon();
  if (nLayers !== undefined) readLayerKinds(nLayers);
  const tieKey = bool("tie_word_embeddings");
  const tie = tieKey ?? family?.tied;
  if (tie !== undefined) values.set("tied_embeddings", [tie ? "1" : "0", tieKey !== undefined ? `tie_word_embeddings ${tieKey}` : `model_type ${type} (${tie ? "tied" : "untied"} by default)`]);
  const dtype = str("torch_dtype");
  const bytes = dtype !== undefined && Object.hasOwn(DTYPE_BYTES, dtype) ? DTYPE_BYTES[dtype] : undefined;
  // torch_dtype is the weights' type as saved: a float32 checkpoint is often served with a bf16 cache.
  if (bytes !== undefined) values.set("bytes_per_value", [String(bytes), `torch_dtype ${dtype}${bytes === 4 ? " (the weights as saved; a 16-bit cache holds 2 bytes a value: set kv_cache_bytes_per_value=2)" : ""}`]);

  /** Falcon's layout: multi-query attention and one LayerNorm for the parallel block (7B), or
   * num_kv_heads and two (new_decoder_architecture: 40B, 180B); linear biases only with bias true. */
  function readFalcon(): void {
    const newArch = bool("new_decoder_architecture") === true;
    if (!newArch && bool("multi_query") !== false) {
      values.set("n_kv_heads", ["1", "multi_query true (one key and value head)"]);
      follows.delete("n_kv_heads");
    }
    const norms = newArch ? 2 : bool("parallel_attn") === false ? 2 : 1;
    values.set("norms_per_layer", [String(norms), newArch ? "new_decoder_architecture true (ln_attn and ln_mlp)" : norms === 1 ? "parallel_attn true (one input_layernorm)" : "parallel_attn false (two LayerNorms)"]);
    values.set("norm_biases", ["1", "model_type falcon (LayerNorm with bias)"]);
    const biased = bool("bias") === true;
    for (const name of ["qkv_bias", "output_bias", "ffn_biases"]) values.set(name, [biased ? "1" : "0", `bias ${biased}`]);
  }

  /** Which layers attend in a window and which hold experts, from the keys that say so. */
  function readLayerKinds(n: bigint): void {
    const kinds = lookup("layer_types")?.value;
    if (kinds?.kind === "array" && values.has("window")) {
      const sliding = kinds.items.filter((k) => k.kind === "string" && k.value === "sliding_attention").length;
      values.set("window_layers", [String(sliding), `${lookup("layer_types")!.path} (${sliding} of ${kinds.items.length} sliding_attention)`]);
    } else if (family?.alternateWindows && values.has("window")) {
      values.set("window_layers", [((n + 1n) / 2n).toString(), `model_type ${type} (a window on every other layer, from the first: ${(n + 1n) / 2n} of ${n})`]);
      follows.set("window_layers", "ceil(n_layers / 2)");
    } else if (bool("use_sliding_window") === true && values.has("window")) {
      // Qwen2: layers from max_window_layers on use the window.
      const from = lookup("max_window_layers")?.value;
      const first = from?.kind === "number" ? exactInteger(from.text) : undefined;
      if (first !== undefined && first >= 0n && first <= n) values.set("window_layers", [(n - first).toString(), `use_sliding_window true, max_window_layers ${first} (layers ${first} on)`]);
    }
    const experts = int("n_experts");
    if (experts === undefined || experts <= 1n) return;
    // DeepSeek: layer i holds experts when i ≥ first_k_dense_replace and i % moe_layer_freq == 0.
    const k = lookup("first_k_dense_replace")?.value;
    const freq = lookup("moe_layer_freq")?.value;
    const step = lookup("decoder_sparse_step")?.value;
    const only = lookup("mlp_only_layers")?.value;
    const asInt = (v: JsonValue | undefined, fallback: bigint) => (v?.kind === "number" ? exactInteger(v.text) ?? fallback : fallback);
    let moe = 0n;
    let how: string;
    if (k !== undefined || freq !== undefined) {
      const k0 = asInt(k, 0n);
      const f = asInt(freq, 1n) || 1n;
      for (let i = 0n; i < n; i++) if (i >= k0 && i % f === 0n) moe++;
      how = `first_k_dense_replace ${k0}, moe_layer_freq ${f}`;
    } else if (step !== undefined || only !== undefined) {
      // Qwen2-MoE: layer i holds experts when (i + 1) % decoder_sparse_step == 0 and i is not in mlp_only_layers.
      const st = asInt(step, 1n) || 1n;
      const skip = new Set(only?.kind === "array" ? only.items.flatMap((x) => (x.kind === "number" ? [exactInteger(x.text)] : [])) : []);
      for (let i = 0n; i < n; i++) if ((i + 1n) % st === 0n && !skip.has(i)) moe++;
      how = `decoder_sparse_step ${st}${skip.size > 0 ? `, mlp_only_layers ${[...skip].join(" ")}` : ""}`;
    } else return;
    values.set("dense_layers", [(n - moe).toString(), `${how} (${moe} of ${n} layers hold experts)`]);
  }

  // Qwen2-MoE's one shared expert, of its own width, behind a d × 1 gate.
  if (values.has("d_ff_shared") && !values.has("n_shared_experts")) {
    values.set("n_shared_experts", ["1", `${values.get("d_ff_shared")![1]} (one shared expert)`]);
    if (type === "qwen2_moe") values.set("shared_expert_gate", ["1", "model_type qwen2_moe (shared_expert_gate, d × 1)"]);
  }
  const known = new Set([...KEYS.map(([k]) => k), ...READ, ...IRRELEVANT]);
  for (const [scope, obj] of [["", root], ["text_config.", inner]] as const) {
    for (const key of obj?.entries.keys() ?? []) {
      // A wrapper's own towers are listed below; a config nested in the language model's is not read.
      if (scope === "text_config." && key.endsWith("_config")) {
        unread.push({ key: scope + key, note: "a configuration nested in text_config, not read" });
        continue;
      }
      if (known.has(key) || key.endsWith("_config")) continue;
      const effect = Object.hasOwn(KNOWN_UNREAD, key) ? KNOWN_UNREAD[key] : undefined;
      if (effect && effect.affects.length === 0) harmless.push(`${scope}${key} (${effect.note})`);
      else unread.push({ key: scope + key, ...(effect ? { note: effect.note, affects: effect.affects } : {}) });
    }
  }
  // A wrapper's other towers (vision, audio) are other models: the counts are the language model's.
  for (const key of root.entries.keys()) if (key !== "text_config" && key.endsWith("_config")) harmless.push(`${key} (not of the language model: its parameters are not counted)`);

  const named = root.entries.get("_name_or_path")?.value;
  const outer = root.entries.get("model_type")?.value;
  const wrapped = inner && outer?.kind === "string" ? `${outer.value}, language model ${str("_name_or_path") ?? type ?? "in text_config"}` : undefined;
  const base = shown.replace(/^.*[\\/]/, "").replace(/\.json$/i, "");
  const name = (named?.kind === "string" ? named.value : undefined) ?? wrapped ?? (type !== undefined ? `${base} (model_type ${type})` : base);
  const tied = tieKey === true ? "input and output embeddings tied" : tieKey === false ? "input and output embeddings untied" : undefined;
  const clean = (k: string) => k.replace(/[^\w .,()×:-]/g, "?");
  const visible = unread.map((u) => ({ ...u, key: clean(u.key), ...(u.note ? { note: clean(u.note) } : {}) }));
  const comments = [
    `# Imported by flopsheet import-config from ${JSON.stringify(shown)}.`,
    ...(visible.length > 0 ? [`# Keys not read: ${visible.map((u) => (u.note ? `${u.key} (${u.note})` : u.key)).join(", ")}.`] : []),
    ...(harmless.length > 0 ? [`# Keys not read that change no count: ${harmless.map(clean).join(", ")}.`] : []),
  ];
  const fields: [string, string][] = [["title", String(name)], ["source", `${shown} (Hugging Face config)`], ...(tied ? [["note", tied] as [string, string]] : [])];
  // A JSON number's text is a plain YAML scalar, read as text (failsafe schema): every digit stays.
  const entries = [...values].map(([n, [v, key]]): [string, FlowField[]] => [
    n,
    [{ key: "value", text: v }, ...(follows.has(n) ? [{ key: "follows", text: follows.get(n)! }] : []), { key: "source", text: `config.json: ${key}`, quoted: true }],
  ]);
  const { text: yaml, tree } = presetText(comments, fields, entries);
  return { yaml, tree, unread: visible, harmless: harmless.map(clean) };
}

/**
 * The YAML text of a preset for a config.json (see importConfig, which also lists unread keys).
 *
 * @example presetYamlFromConfig('{"hidden_size": 4096, "num_hidden_layers": 32}', "config.json")
 */
export function presetYamlFromConfig(text: string, path: string): string {
  return importConfig(text, path).yaml;
}
