#!/usr/bin/env python3
"""Tiny decoders built in PyTorch, counted and measured: the fixtures decoder is checked against.

Each model is a config.json written as transformers writes one (so flopsheet's importer reads it as
it reads a released model's) and a PyTorch module built from that dict here, independently of
flopsheet, with the parameters transformers' modules have (names in the comments). For each, this
writes test/fixtures/measured/<name>.json with:

- params: sum(p.numel()) over the module's parameters;
- matmul_flops: the forward pass's matrix products as torch.profiler counts them (aten::mm, addmm,
  bmm: 2·M·N·K; a bias add is not part of it), one sequence of SEQ tokens;
- bias_adds: elements added by the biases of the linear layers the tokens went through;
- elementwise: the profiler's count of every other operation it counts (aten::mul, aten::add), by
  name: work decoder does not count.

Attention is computed as a naive implementation does: every query against every key of its layer
(the full convention), a windowed layer against the w keys of its band, never a causal saving.
Mixture-of-experts routing is forced balanced (token t goes to experts t·k … t·k + k − 1 mod E), so
the count does not depend on the weights.

Run with `npm run validate`; .ci/run runs it and fails when a fixture drifts.
"""
import json
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.profiler import ProfilerActivity, profile

SEQ = 32
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "measured")
MATMUL = {"aten::mm", "aten::addmm", "aten::bmm"}


class Meter:
    """Counts the elements the linear layers' biases add (the profiler's addmm leaves them out)."""

    bias_adds = 0


def linear(x, layer):
    if layer.bias is not None:
        Meter.bias_adds += x.shape[0] * layer.bias.numel()
    return F.linear(x, layer.weight, layer.bias)


class RMSNorm(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(d))

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 1e-6) * self.weight


class BareLayerNorm(nn.Module):
    """OLMo's LayerNorm: no scale, no bias."""

    def forward(self, x):
        return F.layer_norm(x, x.shape[-1:])


def norm(kind, d):
    return {"rms": RMSNorm, "ln": nn.LayerNorm}[kind](d) if kind != "bare" else BareLayerNorm()


def rotate(x, rot):
    """Rotary positions on the first `rot` dimensions (elementwise work, no parameters)."""
    if rot == 0:
        return x
    half = rot // 2
    pos = torch.arange(x.shape[-2], dtype=x.dtype).unsqueeze(-1)
    freq = pos / (10000 ** (torch.arange(half, dtype=x.dtype) / half))
    cos, sin = freq.cos(), freq.sin()
    a, b, rest = x[..., :half], x[..., half:rot], x[..., rot:]
    return torch.cat([a * cos - b * sin, b * cos + a * sin, rest], dim=-1)


def attend(q, k, v, window):
    """q: (H, s, dq), k: (H, s, dq), v: (H, s, dv). Full count, or the w keys of each query's band."""
    s = q.shape[1]
    if window is None or window >= s:
        scores = torch.matmul(q, k.transpose(-1, -2)) / q.shape[-1] ** 0.5
        mask = torch.ones(s, s).triu(1).bool()
        return torch.matmul(scores.masked_fill(mask, float("-inf")).softmax(-1), v)
    pad = lambda t: F.pad(t, (0, 0, window - 1, 0))
    kb = pad(k).unfold(1, window, 1).transpose(-1, -2)  # (H, s, w, dq): keys i − w + 1 … i
    vb = pad(v).unfold(1, window, 1).transpose(-1, -2)
    scores = torch.einsum("hsd,hswd->hsw", q, kb) / q.shape[-1] ** 0.5
    first = torch.arange(s).unsqueeze(-1) + torch.arange(window) < window - 1  # padding before the start
    return torch.einsum("hsw,hswd->hsd", scores.masked_fill(first, float("-inf")).softmax(-1), vb)


class Attention(nn.Module):
    """LlamaAttention (q_proj, k_proj, v_proj, o_proj), with head_dim of its own, grouped keys and
    values, biases per attention_bias (q, k, v and o) or Qwen2's (q, k, v only), OLMo 2's q_norm and
    k_norm; GPT-NeoX's and Falcon's fused query_key_value is the same count."""

    def __init__(self, c, d, heads, kv, hd, qkv_bias, o_bias, qk_norm=False, rot=None):
        super().__init__()
        self.heads, self.kv, self.hd, self.rot = heads, kv, hd, hd if rot is None else rot
        self.q_proj = nn.Linear(d, heads * hd, bias=qkv_bias)
        self.k_proj = nn.Linear(d, kv * hd, bias=qkv_bias)
        self.v_proj = nn.Linear(d, kv * hd, bias=qkv_bias)
        self.o_proj = nn.Linear(heads * hd, d, bias=o_bias)
        if qk_norm:
            self.q_norm, self.k_norm = RMSNorm(heads * hd), RMSNorm(kv * hd)
        self.qk_norm = qk_norm

    def forward(self, x, window):
        s = x.shape[0]
        q, k, v = linear(x, self.q_proj), linear(x, self.k_proj), linear(x, self.v_proj)
        if self.qk_norm:
            q, k = self.q_norm(q), self.k_norm(k)
        q = rotate(q.view(s, self.heads, self.hd).transpose(0, 1), self.rot)
        k = rotate(k.view(s, self.kv, self.hd).transpose(0, 1), self.rot)
        v = v.view(s, self.kv, self.hd).transpose(0, 1)
        group = self.heads // self.kv
        k, v = k.repeat_interleave(group, 0), v.repeat_interleave(group, 0)
        out = attend(q, k, v, window).transpose(0, 1).reshape(s, self.heads * self.hd)
        return linear(out, self.o_proj)


class LatentAttention(nn.Module):
    """DeepseekV2Attention: q_proj (or q_a_proj, q_a_layernorm, q_b_proj), kv_a_proj_with_mqa,
    kv_a_layernorm, kv_b_proj, o_proj. Queries and keys are qk_nope + qk_rope wide, values v_head."""

    def __init__(self, c, d):
        super().__init__()
        self.h, self.nope, self.rope, self.v = c["num_attention_heads"], c["qk_nope_head_dim"], c["qk_rope_head_dim"], c["v_head_dim"]
        self.r, qk = c["kv_lora_rank"], c["qk_nope_head_dim"] + c["qk_rope_head_dim"]
        self.qr = c.get("q_lora_rank")
        if self.qr:
            self.q_a_proj, self.q_a_layernorm = nn.Linear(d, self.qr, bias=False), RMSNorm(self.qr)
            self.q_b_proj = nn.Linear(self.qr, self.h * qk, bias=False)
        else:
            self.q_proj = nn.Linear(d, self.h * qk, bias=False)
        self.kv_a_proj_with_mqa = nn.Linear(d, self.r + self.rope, bias=False)
        self.kv_a_layernorm = RMSNorm(self.r)
        self.kv_b_proj = nn.Linear(self.r, self.h * (self.nope + self.v), bias=False)
        self.o_proj = nn.Linear(self.h * self.v, d, bias=False)

    def forward(self, x, window):
        s = x.shape[0]
        q = linear(self.q_a_layernorm(linear(x, self.q_a_proj)), self.q_b_proj) if self.qr else linear(x, self.q_proj)
        q = q.view(s, self.h, -1).transpose(0, 1)
        q = torch.cat([q[..., : self.nope], rotate(q[..., self.nope :], self.rope)], dim=-1)
        latent = linear(x, self.kv_a_proj_with_mqa)
        kv = linear(self.kv_a_layernorm(latent[:, : self.r]), self.kv_b_proj).view(s, self.h, -1).transpose(0, 1)
        k_rope = rotate(latent[:, self.r :].unsqueeze(0), self.rope).expand(self.h, s, self.rope)
        k = torch.cat([kv[..., : self.nope], k_rope], dim=-1)
        out = attend(q, k, kv[..., self.nope :], window).transpose(0, 1).reshape(s, self.h * self.v)
        return linear(out, self.o_proj)


class MLP(nn.Module):
    """LlamaMLP (gate_proj, up_proj, down_proj) when gated; GPT2MLP, GPTNeoXMLP, FalconMLP (up and down) when plain."""

    def __init__(self, d, width, gated, bias):
        super().__init__()
        self.gated = gated
        if gated:
            self.gate_proj = nn.Linear(d, width, bias=bias)
        self.up_proj = nn.Linear(d, width, bias=bias)
        self.down_proj = nn.Linear(width, d, bias=bias)

    def forward(self, x):
        h = F.silu(linear(x, self.gate_proj)) * linear(x, self.up_proj) if self.gated else F.gelu(linear(x, self.up_proj))
        return linear(h, self.down_proj)


class Experts(nn.Module):
    """MixtralSparseMoeBlock / Qwen2MoeSparseMoeBlock / DeepseekV2MoE: a router, E experts of their
    width, shared experts (DeepSeek: one MLP n_shared × wide; Qwen2-MoE: one, behind a d × 1 gate)."""

    def __init__(self, d, n, k, width, shared_width, shared_gate):
        super().__init__()
        self.n, self.k = n, k
        self.gate = nn.Linear(d, n, bias=False)
        self.experts = nn.ModuleList(MLP(d, width, True, False) for _ in range(n))
        self.shared = MLP(d, shared_width, True, False) if shared_width else None
        self.shared_expert_gate = nn.Linear(d, 1, bias=False) if shared_gate else None

    def forward(self, x):
        s = x.shape[0]
        weights = linear(x, self.gate).softmax(-1)
        out = torch.zeros_like(x)
        for e, expert in enumerate(self.experts):
            tokens = [t for t in range(s) if any((t * self.k + j) % self.n == e for j in range(self.k))]
            if tokens:
                idx = torch.tensor(tokens)
                out[idx] += expert(x[idx]) * weights[idx, e : e + 1]
        if self.shared is not None:
            shared = self.shared(x)
            if self.shared_expert_gate is not None:
                shared = torch.sigmoid(linear(x, self.shared_expert_gate)) * shared
            out = out + shared
        return out


class Layer(nn.Module):
    def __init__(self, c, i, arch):
        super().__init__()
        d, L = c["hidden_size"], c["num_hidden_layers"]
        heads = c["num_attention_heads"]
        kv = c.get("num_key_value_heads", heads)
        hd = c.get("head_dim") or d // heads
        t = c["model_type"]
        self.arch, self.parallel = arch, arch in ("gpt_neox", "falcon")
        nk = arch["norm"]
        if t == "deepseek_v2":
            self.self_attn = LatentAttention(c, d)
        else:
            self.self_attn = Attention(
                c, d, heads, 1 if t == "falcon" else kv, hd,
                qkv_bias=arch["qkv_bias"] or c.get("attention_bias", False) or c.get("bias", False),
                o_bias=arch["o_bias"] or c.get("attention_bias", False) or c.get("bias", False),
                qk_norm=t == "olmo2", rot=hd // 4 if t == "gpt_neox" else None,
            )
        self.input_layernorm = norm(nk, d)
        if not (t == "falcon"):
            self.post_attention_layernorm = norm(nk, d)
        if t == "gemma2":
            self.pre_feedforward_layernorm, self.post_feedforward_layernorm = norm(nk, d), norm(nk, d)
        n_experts = c.get("num_local_experts") or c.get("num_experts") or c.get("n_routed_experts") or 0
        moe = n_experts > 1 and i >= c.get("first_k_dense_replace", 0) and (i + 1) % c.get("decoder_sparse_step", 1) == 0
        if moe:
            width = c.get("moe_intermediate_size") or c["intermediate_size"]
            shared = c.get("shared_expert_intermediate_size") or c.get("n_shared_experts", 0) * width
            self.mlp = Experts(d, n_experts, c["num_experts_per_tok"], width, shared, t == "qwen2_moe")
        else:
            self.mlp = MLP(d, c.get("intermediate_size") or c.get("ffn_hidden_size") or 4 * d, arch["gated"], arch["mlp_bias"] or c.get("mlp_bias", False))
        sliding = c.get("sliding_window")
        self.window = sliding if sliding and (t != "gemma2" or i % 2 == 0) else None
        self.t = t

    def forward(self, x):
        if self.t == "falcon":
            h = self.input_layernorm(x)
            return x + self.self_attn(h, self.window) + self.mlp(h)
        if self.t == "gpt_neox":
            return x + self.self_attn(self.input_layernorm(x), self.window) + self.mlp(self.post_attention_layernorm(x))
        if self.t == "gemma2":
            x = x + self.post_attention_layernorm(self.self_attn(self.input_layernorm(x), self.window))
            return x + self.post_feedforward_layernorm(self.mlp(self.pre_feedforward_layernorm(x)))
        x = x + self.self_attn(self.input_layernorm(x), self.window)
        return x + self.mlp(self.post_attention_layernorm(x))


# What each model type has where its config does not say: norms, gating, biases, tied embeddings.
LLAMA_LIKE = dict(norm="rms", gated=True, qkv_bias=False, o_bias=False, mlp_bias=False, tied=False)
ARCH = {
    "llama": LLAMA_LIKE,
    "mistral": LLAMA_LIKE,
    "mixtral": LLAMA_LIKE,
    "deepseek_v2": LLAMA_LIKE,
    "olmo2": LLAMA_LIKE,
    "qwen2": {**LLAMA_LIKE, "qkv_bias": True},
    "qwen2_moe": {**LLAMA_LIKE, "qkv_bias": True},
    "gemma2": {**LLAMA_LIKE, "tied": True},
    "olmo": {**LLAMA_LIKE, "norm": "bare"},
    "gpt2": dict(norm="ln", gated=False, qkv_bias=True, o_bias=True, mlp_bias=True, tied=True),
    "gpt_neox": dict(norm="ln", gated=False, qkv_bias=True, o_bias=True, mlp_bias=True, tied=False),
    "falcon": dict(norm="ln", gated=False, qkv_bias=False, o_bias=False, mlp_bias=False, tied=True),
}


class Decoder(nn.Module):
    def __init__(self, c):
        super().__init__()
        arch = ARCH[c["model_type"]]
        d, V = c["hidden_size"], c["vocab_size"]
        self.embed_tokens = nn.Embedding(V, d)
        self.positions = nn.Embedding(c["n_positions"], d) if c["model_type"] == "gpt2" else None  # GPT2Model.wpe
        self.layers = nn.ModuleList(Layer(c, i, arch) for i in range(c["num_hidden_layers"]))
        self.norm = norm(arch["norm"], d)
        tied = c.get("tie_word_embeddings", arch["tied"])
        self.lm_head = None if tied else nn.Linear(d, V, bias=False)

    def forward(self, ids):
        x = self.embed_tokens(ids)
        if self.positions is not None:
            x = x + self.positions(torch.arange(ids.shape[0]))
        for layer in self.layers:
            x = layer(x)
        x = self.norm(x)
        return F.linear(x, self.lm_head.weight if self.lm_head is not None else self.embed_tokens.weight)


def base(model_type, **more):
    c = dict(model_type=model_type, hidden_size=64, num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=4,
             intermediate_size=160, vocab_size=96, max_position_embeddings=64, tie_word_embeddings=False)
    c.update(more)
    return {k: v for k, v in c.items() if v is not None}


# Every feature decoder models, each in at least one model.
MODELS = {
    "llama-mha": base("llama"),
    "llama-gqa": base("llama", num_key_value_heads=2),
    "llama-biases": base("llama", attention_bias=True, mlp_bias=True),
    "mistral-mqa-window": base("mistral", num_key_value_heads=1, sliding_window=8),
    "qwen2-qkv-bias-head-dim-tied": base("qwen2", head_dim=24, num_key_value_heads=2, tie_word_embeddings=True),
    "gpt2-learned-positions": dict(model_type="gpt2", n_embd=64, n_layer=2, n_head=4, n_positions=64, n_inner=None, vocab_size=96),
    "mixtral-top2": base("mixtral", num_local_experts=4, num_experts_per_tok=2, num_key_value_heads=2, intermediate_size=96),
    "qwen2-moe-shared-gate-sparse-step": base("qwen2_moe", num_experts=4, num_experts_per_tok=2, moe_intermediate_size=48,
                                                shared_expert_intermediate_size=80, decoder_sparse_step=2),
    "deepseek-v2-mla-dense-first": base("deepseek_v2", n_routed_experts=4, num_experts_per_tok=2, n_shared_experts=1,
                                         moe_intermediate_size=48, first_k_dense_replace=1, moe_layer_freq=1, kv_lora_rank=32,
                                         q_lora_rank=None, qk_rope_head_dim=8, qk_nope_head_dim=16, v_head_dim=16),
    "deepseek-v2-mla-compressed-queries": base("deepseek_v2", n_routed_experts=4, num_experts_per_tok=2, n_shared_experts=2,
                                                moe_intermediate_size=48, first_k_dense_replace=0, moe_layer_freq=1, kv_lora_rank=32,
                                                q_lora_rank=24, qk_rope_head_dim=8, qk_nope_head_dim=16, v_head_dim=16),
    "gemma2-alternate-windows": base("gemma2", num_hidden_layers=3, head_dim=16, num_key_value_heads=2, sliding_window=8,
                                      tie_word_embeddings=None),
    "pythia-parallel-residual": base("gpt_neox", intermediate_size=256, rotary_pct=0.25, use_parallel_residual=True),
    "falcon-multi-query": dict(model_type="falcon", hidden_size=64, num_hidden_layers=2, num_attention_heads=4, vocab_size=96,
                               multi_query=True, parallel_attn=True, new_decoder_architecture=False, bias=False),
    "olmo-bare-norms": base("olmo", attention_bias=False),
    "olmo2-qk-norms": base("olmo2", attention_bias=False),
}


GPT2_KEYS = {"n_embd": "hidden_size", "n_layer": "num_hidden_layers", "n_head": "num_attention_heads"}


def measure(name, config):
    torch.manual_seed(0)
    # GPT-2's config names its sizes its own way; the module reads transformers' usual names.
    inner = {GPT2_KEYS.get(k, k): v for k, v in config.items() if v is not None}
    model = Decoder(inner).eval()
    ids = torch.arange(SEQ) % config["vocab_size"]
    Meter.bias_adds = 0
    with torch.no_grad(), profile(activities=[ProfilerActivity.CPU], with_flops=True) as prof:
        model(ids)
    matmul, elementwise = 0, {}
    for event in prof.events():
        if not event.flops:
            continue
        if event.name in MATMUL:
            matmul += event.flops
        else:
            elementwise[event.name] = elementwise.get(event.name, 0) + event.flops
    return {
        "name": name,
        "config": config,
        "seq_len": SEQ,
        "attention": "full",
        "params": sum(p.numel() for p in model.parameters()),
        "matmul_flops": matmul,
        "bias_adds": Meter.bias_adds,
        "elementwise": dict(sorted(elementwise.items())),
    }


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.set_num_threads(1)
    for name, config in MODELS.items():
        result = measure(name, config)
        with open(os.path.join(OUT, f"{name}.json"), "w") as f:
            json.dump(result, f, indent=2, sort_keys=True)
            f.write("\n")
        print(f"{name}: {result['params']:,} parameters, {result['matmul_flops']:,} matrix FLOPs over {SEQ} tokens")


if __name__ == "__main__":
    sys.exit(main())
