-- Scripted phases for Tempo (`import "shapes.lua"`). Each receives the progress p in [0, 1),
-- the local step t, the phase's length, the level it starts from and its named arguments.
local shapes = {}

-- REX (Chen et al. 2022, "REX: Revisiting Budgeted Training with an Improved Schedule"):
-- a decay from the level to 0 that stays high longer than linear, shaped by k.
shapes.rex = {
  params = {k = 0.5, min = 0},
  fn = function(p, t, len, level, args)
    local z = 1 - p
    return args.min + (level - args.min) * z / (1 - args.k + args.k * z)
  end,
}

-- timm's k-decay (Zhang et al. 2021): cosine over p^k instead of p.
shapes.kdecay = {
  params = {k = 2, min = 0},
  fn = function(p, t, len, level, args)
    return args.min + (level - args.min) * (1 + math.cos(math.pi * p ^ args.k)) / 2
  end,
}

return shapes
