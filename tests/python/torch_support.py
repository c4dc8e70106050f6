"""Helpers of the PyTorch tests: run a scheduler for n steps and collect what it set."""
import torch


def optimizer(lr=0.1, kind="sgd", groups=1, **extra):
    torch.manual_seed(0)
    params = [torch.nn.Parameter(torch.zeros(2)) for _ in range(groups)]
    param_groups = [{"params": [p], "lr": lr / 10 ** i} for i, p in enumerate(params)]
    if kind == "sgd":
        return torch.optim.SGD(param_groups, lr=lr, **extra)
    return torch.optim.AdamW(param_groups, lr=lr, **extra)


def run(scheduler, steps, key=lambda group: group["lr"]):
    """The value of `key` in every param group at steps 0 .. steps-1 (the constructor sets the
    value of step 0), stepping the optimizer first as torch wants."""
    seen = [[key(g) for g in scheduler.optimizer.param_groups]]
    for _ in range(steps - 1):
        scheduler.optimizer.step()
        scheduler.step()
        seen.append([key(g) for g in scheduler.optimizer.param_groups])
    return seen


def closed_form(scheduler, steps):
    """torch's closed form (_get_closed_form_lr) at steps 0 .. steps-1."""
    seen = []
    for t in range(steps):
        scheduler.last_epoch = t
        seen.append(list(scheduler._get_closed_form_lr()))
    return seen


def max_relative_error(a, b):
    worst = 0.0
    for row_a, row_b in zip(a, b):
        for x, y in zip(row_a, row_b):
            worst = max(worst, abs(x - y) / max(abs(y), 1e-300) if x != y else 0.0)
    return worst
