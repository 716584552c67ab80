"""Plain-Python stand-ins for the Pydantic names the models use, for runs that validate nothing.

A model class built on this `BaseModel` holds what Pydantic's would: its fields, defaults
and default factories, private attributes; it is frozen, compares and hashes by its fields,
unpickles what Pydantic pickled (the catalog cache) and dumps as Pydantic does for the types
the models declare. What it cannot do is validate: `model_validate` and friends switch the
process to Pydantic's models (`mode.need_pydantic`). Like Pydantic's ``__init__``, the keyword
constructor turns whole numbers into floats, text into enum members and dicts into models
where the field's type says so; `model_construct`, as Pydantic's, takes values as they are.
"""

import datetime as dt
import enum
import operator
import types
import typing
from collections.abc import Callable
from typing import Any, ClassVar

from certadvisor.models import mode

_MISSING: Any = object()


class FieldInfo:
    """What a field declares beyond its type: its default (or factory), and exclusion."""

    __slots__ = ("default", "default_factory", "exclude")

    def __init__(self, default: Any, default_factory: Callable[[], Any] | None, exclude: bool):
        self.default = default
        self.default_factory = default_factory
        self.exclude = exclude

    def is_required(self) -> bool:
        return self.default is _MISSING and self.default_factory is None

    def get_default(self) -> Any:
        if self.default_factory is not None:
            return self.default_factory()
        return self.default


def Field(  # noqa: N802 - Pydantic's name
    default: Any = _MISSING,
    *,
    default_factory: Callable[[], Any] | None = None,
    exclude: bool | None = None,
    **_constraints: Any,
) -> Any:
    """A field's default and exclusion; its constraints are for validation only."""
    if default is ...:
        default = _MISSING
    return FieldInfo(default, default_factory, bool(exclude))


class _Private:
    __slots__ = ("default", "default_factory")

    def __init__(self, default: Any, default_factory: Callable[[], Any] | None):
        self.default = default
        self.default_factory = default_factory

    def get_default(self) -> Any:
        return self.default_factory() if self.default_factory is not None else self.default


def PrivateAttr(  # noqa: N802 - Pydantic's name
    default: Any = None, *, default_factory: Callable[[], Any] | None = None
) -> Any:
    return _Private(default, default_factory)


def ConfigDict(**settings: Any) -> dict[str, Any]:  # noqa: N802 - Pydantic's name
    return settings


def model_validator(*, mode: str) -> Callable[[Any], Any]:
    return lambda f: f


def field_validator(*fields: str, mode: str = "after") -> Callable[[Any], Any]:
    return lambda f: f


class AfterValidator:
    def __init__(self, func: Callable[..., Any]):
        self.func = func


class BeforeValidator(AfterValidator):
    pass


class ValidationInfo:
    """Only named in type hints: validators never run here."""


class ValidationError(ValueError):
    """Never raised here: validating switches the process to Pydantic's models first."""


# How a field's value is converted, from its declared type: ("float",), ("enum", cls),
# ("model", cls), ("seq", inner, list/tuple/set), ("dict", inner), ("union", model arms)
# or None (as it is).
_Plan = tuple[Any, ...] | None
_NONE = type(None)


def _plan_of(tp: Any) -> _Plan:
    if tp is float:
        return ("float",)
    if isinstance(tp, type):
        if issubclass(tp, enum.Enum):
            return ("enum", tp)
        if issubclass(tp, BaseModel):
            return ("model", tp)
        return None
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Annotated:
        return _plan_of(args[0])
    if origin in (list, tuple, set, frozenset) and args:
        if origin is tuple and not (len(args) == 2 and args[1] is ...):
            return None
        return ("seq", _plan_of(args[0]), origin)
    if origin is dict and len(args) == 2:
        inner = _plan_of(args[1])
        return None if inner is None else ("dict", inner)
    if origin in (typing.Union, types.UnionType):
        arms = [a for a in args if a is not _NONE]
        if len(arms) == 1:
            return _plan_of(arms[0])
        plans = [_plan_of(a) for a in arms]
        models = [p[1] for p in plans if p is not None and p[0] == "model"]
        return ("union", tuple(models)) if models else None
    return None


def _coerce(plan: _Plan, value: Any) -> Any:
    """A value as Pydantic's validation would give it, for the conversions the code relies on."""
    if plan is None or value is None:
        return value
    kind = plan[0]
    if kind == "float":
        return float(value) if type(value) is int else value
    if kind == "enum":
        return value if isinstance(value, plan[1]) else plan[1](value)
    if kind == "model":
        return plan[1](**value) if isinstance(value, dict) else value
    if kind == "seq":
        if isinstance(value, list | tuple | set | frozenset):
            return plan[2](_coerce(plan[1], v) for v in value)
        return value
    if kind == "dict":
        if isinstance(value, dict):
            return {k: _coerce(plan[1], v) for k, v in value.items()}
        return value
    if isinstance(value, dict):  # a union of models: the arm whose literal `kind` matches
        for arm in plan[1]:
            if value.get("kind") in arm.__plain_kinds__():
                return arm(**value)
    return value


def _dump_value(value: Any, plan: _Plan, json: bool) -> Any:
    if value is None:
        return None
    if plan is not None:
        kind = plan[0]
        if kind == "float" and type(value) is int:
            return float(value)
        if kind == "model" and isinstance(value, BaseModel):
            return value._plain_dump(plan[1], json)
        if kind == "seq" and isinstance(value, list | tuple | set | frozenset):
            items = [_dump_value(v, plan[1], json) for v in value]
            return items if json or isinstance(value, list) else type(value)(items)
        if kind == "dict" and isinstance(value, dict):
            return {_key(k, json): _dump_value(v, plan[1], json) for k, v in value.items()}
    return _dump_any(value, json)


def _dump_any(value: Any, json: bool) -> Any:
    if isinstance(value, BaseModel):
        return value._plain_dump(type(value), json)
    if not json:
        if isinstance(value, list | tuple):
            items = [_dump_any(v, json) for v in value]
            return items if isinstance(value, list) else tuple(items)
        if isinstance(value, dict):
            return {k: _dump_any(v, json) for k, v in value.items()}
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        return [_dump_any(v, json) for v in value]
    if isinstance(value, dict):
        return {_key(k, json): _dump_any(v, json) for k, v in value.items()}
    return value


def _key(key: Any, json: bool) -> Any:
    if not json:
        return key
    if isinstance(key, enum.Enum):
        return key.value
    return key.isoformat() if isinstance(key, dt.date) else key


def _own_annotations(cls: type) -> dict[str, Any]:
    return dict(cls.__dict__.get("__annotations__", {}))


def _is_class_var(annotation: Any) -> bool:
    if isinstance(annotation, str):
        return annotation.startswith(("ClassVar", "typing.ClassVar"))
    return annotation is ClassVar or typing.get_origin(annotation) is ClassVar


class BaseModel:
    """A frozen record of declared fields, without validation (see the module)."""

    model_config: ClassVar[dict[str, Any]] = {}
    model_fields: ClassVar[dict[str, FieldInfo]] = {}
    __plain_private__: ClassVar[dict[str, _Private]] = {}
    __plain_plans__: ClassVar[dict[str, _Plan] | None] = None
    __plain_hash_key__: ClassVar[Callable[[dict[str, Any]], Any]]
    __plain_kind_values__: ClassVar[tuple[Any, ...] | None] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        fields: dict[str, FieldInfo] = {}
        private: dict[str, _Private] = {}
        for base in reversed(cls.__mro__[1:]):
            if issubclass(base, BaseModel):
                fields.update(base.model_fields)
                private.update(base.__plain_private__)
        for name, annotation in _own_annotations(cls).items():
            if _is_class_var(annotation):
                continue
            given = cls.__dict__.get(name, _MISSING)
            if type(given).__module__.startswith("pydantic"):
                raise TypeError(f"{cls.__name__}.{name}: take Field from certadvisor.models.base")
            if name.startswith("_"):
                private[name] = given if isinstance(given, _Private) else _Private(given, None)
            elif isinstance(given, FieldInfo):
                fields[name] = given
            else:  # as Pydantic: a field annotated again without a default is required
                fields[name] = FieldInfo(given, None, False)
            if given is not _MISSING:
                delattr(cls, name)
        cls.model_fields = fields
        cls.__plain_private__ = private
        cls.__plain_plans__ = None
        cls.__plain_hash_key__ = operator.itemgetter(*fields) if fields else (lambda d: ())

    @classmethod
    def _plans(cls) -> dict[str, _Plan]:
        plans = cls.__dict__.get("__plain_plans__")
        if plans is None:
            hints = typing.get_type_hints(cls)
            plans = {name: _plan_of(hints.get(name, Any)) for name in cls.model_fields}
            cls.__plain_plans__ = plans
        return plans

    @classmethod
    def __plain_kinds__(cls) -> tuple[Any, ...]:
        """The values of a `kind: Literal[...]` field (a discriminated union's arm)."""
        kinds = cls.__dict__.get("__plain_kind_values__")
        if kinds is None:
            hint = typing.get_type_hints(cls).get("kind")
            kinds = typing.get_args(hint) if typing.get_origin(hint) is typing.Literal else ()
            cls.__plain_kind_values__ = kinds
        return kinds

    def __init__(self, **data: Any) -> None:
        fields = type(self).model_fields
        unknown = set(data) - set(fields)
        if unknown:
            raise TypeError(f"{type(self).__name__}: unknown fields {sorted(unknown)}")
        plans = type(self)._plans()
        values: dict[str, Any] = {}
        for name, info in fields.items():
            if name in data:
                values[name] = _coerce(plans[name], data[name])
            elif info.is_required():
                raise TypeError(f"{type(self).__name__}: {name} is required")
            else:
                values[name] = info.get_default()
        self._plain_set(values)

    def _plain_set(self, values: dict[str, Any]) -> None:
        object.__setattr__(self, "__dict__", values)
        for name, attr in type(self).__plain_private__.items():
            values[name] = attr.get_default()

    @classmethod
    def model_construct(cls, _fields_set: set[str] | None = None, **values: Any) -> Any:
        made = cls.__new__(cls)
        found: dict[str, Any] = {}
        for name, info in cls.model_fields.items():
            if name in values:
                found[name] = values[name]
            elif not info.is_required():
                found[name] = info.get_default()
        made._plain_set(found)
        return made

    @classmethod
    def model_validate(cls, *args: Any, **kwargs: Any) -> Any:
        mode.need_pydantic()
        raise AssertionError("validation needs Pydantic's models")

    model_json_schema = model_validate

    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False) -> Any:
        assert not deep, "a deep copy is not needed by the plain models"
        copied = type(self).__new__(type(self))
        object.__setattr__(copied, "__dict__", {**self.__dict__, **(update or {})})
        return copied

    def model_dump(
        self,
        *,
        mode: str = "python",
        include: Any = None,
        exclude: Any = None,
        exclude_none: bool = False,
        warnings: bool = True,
    ) -> dict[str, Any]:
        found = self._plain_dump(type(self), mode == "json")
        if include is not None:
            found = {k: v for k, v in found.items() if k in include}
        if exclude is not None:
            found = {k: v for k, v in found.items() if k not in exclude}
        if exclude_none:
            found = _without_none(found)
        return found

    def _plain_dump(self, as_class: type["BaseModel"], json: bool) -> dict[str, Any]:
        if not isinstance(self, as_class):
            as_class = type(self)
        plans = as_class._plans()
        values = self.__dict__
        return {
            name: _dump_value(values[name], plans[name], json)
            for name, info in as_class.model_fields.items()
            if not info.exclude and name in values
        }

    def __setattr__(self, name: str, value: Any) -> None:
        if name in type(self).__plain_private__:
            self.__dict__[name] = value
            return
        raise TypeError(f"{type(self).__name__} is frozen: {name} cannot be set")

    def __delattr__(self, name: str) -> None:
        raise TypeError(f"{type(self).__name__} is frozen: {name} cannot be deleted")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash(type(self).__plain_hash_key__(self.__dict__))

    def __repr__(self) -> str:
        shown = ", ".join(f"{n}={self.__dict__.get(n)!r}" for n in type(self).model_fields)
        return f"{type(self).__name__}({shown})"

    def __getstate__(self) -> dict[str, Any]:
        private = {n: self.__dict__[n] for n in type(self).__plain_private__ if n in self.__dict__}
        fields = {n: v for n, v in self.__dict__.items() if n not in private}
        return {
            "__dict__": fields,
            "__pydantic_extra__": None,
            "__pydantic_fields_set__": set(fields),
            "__pydantic_private__": private or None,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        values = dict(state["__dict__"])
        for name, attr in type(self).__plain_private__.items():
            values[name] = attr.get_default()
        values.update(state.get("__pydantic_private__") or {})
        object.__setattr__(self, "__dict__", values)


def _without_none(found: dict[str, Any]) -> dict[str, Any]:
    return {
        k: _without_none(v) if isinstance(v, dict) else v for k, v in found.items() if v is not None
    }
