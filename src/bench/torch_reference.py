#!/usr/bin/python3
"""PyTorch reference for `./plateau bench train`: the same two models, data sizes and protocol.

Run with Debian's PyTorch (apt-get install python3-torch):
    OMP_NUM_THREADS=1 /usr/bin/python3 src/bench/torch_reference.py [--threads 1] [--epochs 5]
Prints one line per model, `<model> threads=<n> samples_per_s=<median of the epochs after the first>`.
"""
import argparse
import statistics
import time

import torch
from torch import nn

BATCH = 256


def calo_cnn():
    # 1x15x15 -> conv 3x3x16 ReLU -> conv 3x3x32 ReLU -> max-pool 2 -> dense 20 ReLU -> 1 (MSE)
    return nn.Sequential(nn.Conv2d(1, 16, 3), nn.ReLU(), nn.Conv2d(16, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Flatten(), nn.Linear(32 * 5 * 5, 20), nn.ReLU(), nn.Linear(20, 1)), nn.MSELoss()


def mlp():
    # 16 -> 64 -> 32 -> 32 -> 5 softmax (cross-entropy), ReLU
    return nn.Sequential(nn.Linear(16, 64), nn.ReLU(), nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 32), nn.ReLU(),
                         nn.Linear(32, 5)), nn.CrossEntropyLoss()


def data(name, n, gen):
    if name == "calo_cnn":
        x = torch.rand(n, 1, 15, 15, generator=gen)
        return x, x.sum(dim=(1, 2, 3)).unsqueeze(1) / 50.0
    x = torch.randn(n, 16, generator=gen)
    return x, (x[:, :5].argmax(dim=1))


def bench(name, samples, epochs):
    gen = torch.Generator().manual_seed(1)
    torch.manual_seed(1)
    model, loss_fn = calo_cnn() if name == "calo_cnn" else mlp()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    x, y = data(name, samples, gen)
    rates = []
    for _ in range(epochs):
        perm = torch.randperm(samples, generator=gen)
        start = time.perf_counter()
        for i in range(0, samples, BATCH):
            idx = perm[i:i + BATCH]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            opt.step()
        rates.append(samples / (time.perf_counter() - start))
    return statistics.median(rates[1:])


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--epochs", type=int, default=5, help="the first is warm-up; the median of the rest is printed")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    for name, samples in (("calo_cnn", 20_000), ("mlp", 200_000)):
        print(f"{name} threads={args.threads} samples_per_s={bench(name, samples, args.epochs):.0f}", flush=True)


if __name__ == "__main__":
    main()
