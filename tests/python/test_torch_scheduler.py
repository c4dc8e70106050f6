"""TempoLR and TempoScheduler as torch schedulers: checkpoints and resuming, schedule changes,
several optimizer keys from one file, and a real training loop."""
import io

import pytest
import torch
from torch.optim import lr_scheduler as S

import tempo
from tempo.torch import ScheduleChangeWarning, ScheduleChanged, TempoLR, TempoScheduler
from torch_support import optimizer, run

SOURCE = "warmup(50) >> stable(0.5) >> cosine(min=0.1)"


def test_it_is_a_torch_scheduler():
    scheduler = TempoLR(optimizer(), SOURCE, total=300)
    assert isinstance(scheduler, S._LRScheduler)
    assert scheduler.base_lrs == [0.1] and scheduler.last_epoch == 0
    assert scheduler.get_last_lr() == [0.0]
    scheduler.optimizer.step()
    scheduler.step()
    assert scheduler.get_last_lr() == [0.1 * 1 / 50] == scheduler.get_lr()
    assert hasattr(scheduler.optimizer.step, "_with_counter")  # torch's order check is in place


def test_torch_warns_about_the_order_as_it_does_for_its_own():
    scheduler = TempoLR(optimizer(), SOURCE, total=300)
    with pytest.warns(UserWarning, match="before `optimizer.step\\(\\)`"):
        scheduler.step()


def test_step_with_an_epoch_uses_the_closed_form():
    scheduler = TempoLR(optimizer(), SOURCE, total=300)
    with pytest.warns(UserWarning, match="epoch parameter"):
        scheduler.step(25)
    assert scheduler.last_epoch == 25 and scheduler.get_last_lr() == [0.05]


def training(total, stop=None, state=None):
    """Trains a small model; returns the lrs seen, the losses and the checkpoint at `stop`."""
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(4, 16), torch.nn.Tanh(), torch.nn.Linear(16, 1))
    opt = torch.optim.AdamW(model.parameters(), lr=3e-2, weight_decay=0.01)
    scheduler = TempoLR(opt, SOURCE, total=total)
    generator = torch.Generator().manual_seed(1)
    x = torch.randn(256, 4, generator=generator)
    y = (x @ torch.tensor([[1.0], [-2.0], [0.5], [3.0]])) + 0.1 * torch.sin(3 * x[:, :1])
    start = 0
    if state is not None:
        model.load_state_dict(state["model"])
        opt.load_state_dict(state["optimizer"])
        scheduler.load_state_dict(state["scheduler"])
        start = state["step"]
    lrs, losses = [], []
    for step in range(start, total):
        lrs.append(opt.param_groups[0]["lr"])
        loss = torch.nn.functional.mse_loss(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        scheduler.step()
        losses.append(loss.item())
        if step + 1 == stop:
            buffer = io.BytesIO()
            torch.save({"model": model.state_dict(), "optimizer": opt.state_dict(),
                        "scheduler": scheduler.state_dict(), "step": stop}, buffer)
            return lrs, losses, buffer.getvalue()
    return lrs, losses, None


def test_a_training_loop_learns():
    lrs, losses, _ = training(400)
    assert len(losses) == 400
    assert losses[-1] < 0.01 * losses[0]
    assert lrs[0] == 0.0 and lrs[50] == pytest.approx(3e-2, rel=1e-12)


def test_resuming_from_a_checkpoint_gives_the_uninterrupted_run_exactly():
    lrs, losses, _ = training(400)
    first_lrs, first_losses, checkpoint = training(400, stop=170)
    state = torch.load(io.BytesIO(checkpoint))
    rest_lrs, rest_losses, _ = training(400, state=state)
    assert first_lrs + rest_lrs == lrs
    assert first_losses + rest_losses == losses


def test_the_state_dict_holds_the_step_and_the_canonical_source():
    scheduler = TempoLR(optimizer(), "warmup(50)>>stable(0.5)>>cosine(min=0.1)", total=300)
    for _ in range(7):
        scheduler.optimizer.step()
        scheduler.step()
    state = scheduler.state_dict()
    assert state["last_epoch"] == 7 and state["_step_count"] == 8
    (track,) = state["tempo"]["tracks"][0]
    assert (track["key"], track["group"], track["source"], track["total"], track["scale"]) == (
        "lr", 0, SOURCE, 300.0, 0.1)
    buffer = io.BytesIO()
    torch.save(state, buffer)  # plain values: no compiled schedule inside
    assert torch.load(io.BytesIO(buffer.getvalue())) == state


def stepped(scheduler, n):
    for _ in range(n):
        scheduler.optimizer.step()
        scheduler.step()
    return scheduler


def without_records(state):
    """The state as tempo.torch wrote it before the checkpoint records (format version 1)."""
    tracks = [[{k: v for k, v in t.items() if k != "checkpoint"} for t in row]
              for row in state["tempo"]["tracks"]]
    return {**state, "tempo": {"version": 1, "tracks": tracks}}


def test_loading_a_different_schedule_saved_without_records_says_what_differs_and_where():
    # States with records are decided by fingerprint (test_lifecycle.py); older ones as here.
    state = without_records(stepped(TempoLR(optimizer(), SOURCE, total=300), 120).state_dict())
    changed = TempoLR(optimizer(), "warmup(50) >> stable(0.6) >> cosine(min=0.1)", total=300)
    with pytest.raises(ScheduleChanged) as caught:
        changed.load_state_dict(state)
    assert str(caught.value) == (
        "the checkpoint's schedule differs from this scheduler's (saved at step 120):\n"
        "  lr, param group 0: checkpoint `warmup(50) >> stable(0.5) >> cosine(min=0.1)` "
        "(total 300), now `warmup(50) >> stable(0.6) >> cosine(min=0.1)` (total 300)\n"
        "    values first differ at step 201: 0.09997779521645794 in the checkpoint, 0.1 now\n"
        "pass on_change=\"keep\" to continue with the checkpoint's schedule, or "
        "on_change=\"adopt\" to continue with this one from step 121")
    longer = TempoLR(optimizer(), SOURCE, total=400)
    with pytest.raises(ScheduleChanged, match=r"\(total 300\), now `.*` \(total 400\)\n"
                                              r"    values first differ at step 201"):
        longer.load_state_dict(state)


def test_on_change_keep_continues_with_the_checkpoint_schedule():
    state = stepped(TempoLR(optimizer(), SOURCE, total=300), 120).state_dict()
    uninterrupted = run(TempoLR(optimizer(), SOURCE, total=300), 300)
    adopted = TempoLR(optimizer(), "cosine()", total=300, on_change="keep")
    with pytest.warns(ScheduleChangeWarning, match="on_change=keep"):
        adopted.load_state_dict(state)
    assert adopted.schedules["lr"][0].source == SOURCE
    assert [v for v in run(adopted, 180)[1:]] == uninterrupted[121:]


def test_on_change_adopt_continues_with_this_schedule():
    state = stepped(TempoLR(optimizer(), SOURCE, total=300), 120).state_dict()
    kept = TempoLR(optimizer(), "cosine()", total=300)
    with pytest.warns(ScheduleChangeWarning, match="on_change=adopt"):
        kept.load_state_dict(state, on_change="adopt")
    assert kept.last_epoch == 120
    fresh = run(TempoLR(optimizer(), "cosine()", total=300), 300)
    assert run(kept, 180)[1:] == fresh[121:]
    with pytest.raises(ValueError, match="on_change must be one of error, adopt, keep"):
        TempoLR(optimizer(), "1", on_change="ignore")


def test_a_state_from_another_scheduler():
    state = stepped(S.StepLR(optimizer(), 10), 5).state_dict()
    with pytest.raises(ScheduleChanged, match="holds no Tempo schedule"):
        TempoLR(optimizer(), SOURCE, total=300).load_state_dict(state)
    kept = TempoLR(optimizer(), SOURCE, total=300, on_change="adopt")
    kept.load_state_dict(state)
    assert kept.last_epoch == 5


FILE = """\
total = 300
peak = 3e-2
lr = peak * (warmup(30) >> cosine(min=0.1))
wd = 0.1 * (1 - warmup())
beta1 = 0.95 - 0.1 * warmup(60)
mom = 0.9
"""


def test_one_file_schedules_several_keys(tmp_path):
    path = tmp_path / "schedules.tempo"
    path.write_text(FILE)
    o = optimizer(kind="adamw", betas=(0.9, 0.999), weight_decay=0.0)
    scheduler = TempoScheduler(o, path, keys={"lr": "lr", "weight_decay": "wd",
                                              "betas[0]": "beta1"})
    program = tempo.Program(FILE)
    stepped(scheduler, 45)
    group = o.param_groups[0]
    assert group["lr"] == program["lr"](45) and scheduler.get_last_lr() == [group["lr"]]
    assert group["weight_decay"] == program["wd"](45) == 0.1 * (1 - 45 / 300)
    assert group["betas"] == (program["beta1"](45), 0.999)
    assert scheduler.get_last("weight_decay") == [group["weight_decay"]]
    resumed = TempoScheduler(optimizer(kind="adamw"), str(path),
                             keys={"lr": "lr", "weight_decay": "wd", "betas[0]": "beta1"})
    resumed.load_state_dict(scheduler.state_dict())
    stepped(resumed, 1)
    assert resumed.optimizer.param_groups[0]["betas"][0] == program["beta1"](46)
    with pytest.raises(KeyError, match="momentum is not bound"):
        TempoScheduler(o, path, keys={"momentum": "momentum"})
    with pytest.raises(KeyError, match="have no `momentum`"):
        TempoScheduler(o, path, keys={"momentum": "mom"}, base=None)


def test_momentum_from_a_file_and_a_program_object():
    o = optimizer(momentum=0.5)
    scheduler = TempoScheduler(o, tempo.Program(FILE), keys={"lr": "lr", "momentum": "mom"})
    assert o.param_groups[0]["momentum"] == 0.9
    assert scheduler.schedules["momentum"][0].source == "total = 300; 0.9"


def test_bad_arguments():
    with pytest.raises(tempo.Error, match="unknown function `cosin`"):
        TempoLR(optimizer(), "cosin()")
    with pytest.raises(TypeError, match="a schedule is Tempo source"):
        TempoLR(optimizer(), 3)
    compiled = tempo.compile("cosine()", total=100)
    with pytest.raises(ValueError, match="compiled for total=100.0, not 200"):
        TempoLR(optimizer(), compiled, total=200)
    assert TempoLR(optimizer(), compiled, total=100).get_last_lr() == [0.1]


def test_a_param_group_added_later_is_left_alone():
    o = optimizer()
    scheduler = TempoLR(o, "warmup(10)")
    o.add_param_group({"params": [torch.nn.Parameter(torch.zeros(1))], "lr": 0.7})
    stepped(scheduler, 5)
    assert [g["lr"] for g in o.param_groups] == [0.05, 0.7]


def test_a_scripted_phase_that_fails_stops_the_step(tmp_path):
    (tmp_path / "boom.lua").write_text(
        "return {boom = function(p, t) if t >= 6 and t < 8 then error('too far') end "
        "return p end}\n")
    path = tmp_path / "lr.tempo"
    path.write_text('import "boom.lua"\nlr = boom(10)\n')
    scheduler = stepped(TempoLR(optimizer(), path), 5)
    assert scheduler.get_last_lr() == [0.1 * 0.5]
    with pytest.raises(tempo.Error, match="too far"):
        stepped(scheduler, 1)
