def check_consistent_length(*arrays):
    lengths = [len(a) for a in arrays]
    uniques = set(lengths)
    if len(uniques) > 1:
        raise ValueError(
            "Found input variables with inconsistent numbers of samples: %r" % lengths
        )


def validate(x, y):
    check_consistent_length(x, y)
    return x, y


class Model:
    def fit(self, x, y):
        x, y = validate(x, y)
        return self
