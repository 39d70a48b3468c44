"""The plate reader network: a small fully-convolutional CTC model.

Input  [N,1,64,128] grey, (p-127.5)/127.5.
Output [N,37,1,32] raw logits; class 0 = CTC blank, 1..36 = ALPHABET.
Only Conv, BatchNormalization, Relu and MaxPool (all supported by OpenCV 4.6 dnn).
"""
import torch
import torch.nn as nn

from plate_alphabet import ALPHABET, NUM_CLASSES, greedy_decode  # noqa: F401 (re-exported)

# channel widths per width preset
PRESETS = {
    "s": (24, 48, 64, 96, 128),
    "m": (32, 64, 96, 128, 160),
    "l": (32, 64, 128, 160, 192),
}


def cbr(i, o, k=(3, 3), p=(1, 1)):
    return [nn.Conv2d(i, o, k, padding=p, bias=False), nn.BatchNorm2d(o), nn.ReLU(inplace=True)]


class PlateReader(nn.Module):
    def __init__(self, preset="m"):
        super().__init__()
        c1, c2, c3, c4, c5 = PRESETS[preset]
        layers = []
        layers += cbr(1, c1) + [nn.MaxPool2d(2, 2)]                 # 32 x 64
        layers += cbr(c1, c2) + [nn.MaxPool2d(2, 2)]                # 16 x 32
        layers += cbr(c2, c3) + cbr(c3, c3) + [nn.MaxPool2d((2, 1), (2, 1))]  # 8 x 32
        layers += cbr(c3, c4) + cbr(c4, c4) + [nn.MaxPool2d((2, 1), (2, 1))]  # 4 x 32
        layers += cbr(c4, c5, k=(4, 3), p=(0, 1))                   # 1 x 32
        layers += cbr(c5, c5, k=(1, 5), p=(0, 2))                   # wider horizontal context
        layers += [nn.Conv2d(c5, NUM_CLASSES, 1)]
        self.net = nn.Sequential(*layers)

    def forward(self, x):
        return self.net(x)


def export_onnx(model, path):
    """Export in eval mode (BN folded into Conv), opset 11, input 'image', output 'logits'."""
    import copy
    m = copy.deepcopy(model).eval().cpu()
    m = fuse_bn(m)
    dummy = torch.zeros(1, 1, 64, 128)
    torch.onnx.export(m, dummy, path, opset_version=11, input_names=["image"],
                      output_names=["logits"], do_constant_folding=True)
    _inline_identities(path)


def _inline_identities(path):
    """torch deduplicates equal initializers through Identity nodes, which OpenCV 4.6 cannot
    import; replace each such node by a copy of its initializer."""
    import onnx
    from onnx import numpy_helper
    g = onnx.load(path)
    inits = {i.name: i for i in g.graph.initializer}
    keep = []
    for n in g.graph.node:
        if n.op_type == "Identity" and n.input[0] in inits:
            arr = numpy_helper.to_array(inits[n.input[0]])
            g.graph.initializer.append(numpy_helper.from_array(arr.copy(), n.output[0]))
        else:
            keep.append(n)
    del g.graph.node[:]
    g.graph.node.extend(keep)
    onnx.checker.check_model(g)
    onnx.save(g, path)


def fuse_bn(model):
    """Fold every BatchNorm2d into the preceding Conv2d (returns a new Sequential model)."""
    mods = list(model.net)
    out = []
    i = 0
    while i < len(mods):
        m = mods[i]
        if isinstance(m, nn.Conv2d) and i + 1 < len(mods) and isinstance(mods[i + 1], nn.BatchNorm2d):
            bn = mods[i + 1]
            conv = nn.Conv2d(m.in_channels, m.out_channels, m.kernel_size, m.stride, m.padding, bias=True)
            w = m.weight.detach()
            b = m.bias.detach() if m.bias is not None else torch.zeros(m.out_channels)
            s = bn.weight.detach() / torch.sqrt(bn.running_var + bn.eps)
            conv.weight.data = w * s[:, None, None, None]
            conv.bias.data = (b - bn.running_mean) * s + bn.bias.detach()
            out.append(conv)
            i += 2
        else:
            out.append(m)
            i += 1
    fused = PlateReader.__new__(PlateReader)
    nn.Module.__init__(fused)
    fused.net = nn.Sequential(*out)
    return fused
