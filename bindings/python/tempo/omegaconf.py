"""An OmegaConf resolver: `${tempo:...}` in a config evaluates to a tempo.Schedule.

    tempo.omegaconf.register()
    cfg = OmegaConf.create({"lr": "${tempo:'warmup(2000) >> cosine(min=0.1)', 100000}"})
    cfg.lr(96_000)

The first argument is Tempo source (quote it when it holds a comma or parentheses), the
optional second one the total; both may be interpolations (`${tempo:${schedule}, ${total}}`).
"""
import tempo

__all__ = ["register", "resolve"]


def resolve(source, total=None):
    """The resolver: compiles `source` (with `total`) into a Schedule."""
    if isinstance(source, tempo.Schedule):
        return source
    if not isinstance(source, str):
        source = repr(source)
    return tempo.compile(source, total=None if total is None else float(total))


def register(name="tempo", replace=True):
    """Registers the resolver under `name` (`${tempo:...}`); registering again replaces it."""
    from omegaconf import OmegaConf
    if OmegaConf.has_resolver(name) and not replace:
        raise ValueError(f"an OmegaConf resolver `{name}` is registered already")
    OmegaConf.register_new_resolver(name, resolve, replace=True)
