package io.tracemine.corpus;

/**
 * The frame catalogue as text, parsed by {@link Catalog}. Syntax:
 *
 * <pre>
 * run NAME                       a shared library-internal call chain, then its frames:
 *   ROOT path | function | source line | IPython argument list
 * scenario LIBRARY WEIGHT NAME   one kind of failure, then:
 *   call CODE                    the user's line that enters the library
 *   os unix|windows              optional: the environments this failure happens in
 *   chain SEG SEG ...            segments: a run NAME, or @function:code for a user frame
 *   raise Type | message         alternatives; {a-b} {layer} {col} {word} {dtype} {shape} {prev} ...
 *   nouser                       this part prints no user frames
 *   link context|cause           starts the next traceback of a chain
 * </pre>
 *
 * ROOT: S site-packages, L standard library, X relative Cython path printed as is, F frozen
 * module, P pyspark, J py4j.
 */
final class CatalogData {
  private CatalogData() {}

  static final String TEXT =
      """
run tf.keras.fit2
S tensorflow/python/keras/engine/training.py | _method_wrapper | return method(self, *args, **kwargs) | self, *args, **kwargs
S tensorflow/python/keras/engine/training.py | fit | tmp_logs = train_function(iterator) | self, x, y, batch_size, epochs, verbose, callbacks, validation_split, validation_data, shuffle, class_weight, sample_weight, initial_epoch, steps_per_epoch, validation_steps, validation_batch_size, validation_freq, max_queue_size, workers, use_multiprocessing
run tf.keras.fit21
S tensorflow/python/keras/engine/training.py | fit | use_multiprocessing=use_multiprocessing) | self, x, y, batch_size, epochs, verbose, callbacks, validation_split, validation_data, shuffle, class_weight, sample_weight, initial_epoch, steps_per_epoch, validation_steps, validation_freq, max_queue_size, workers, use_multiprocessing, **kwargs
S tensorflow/python/keras/engine/training_v2.py | fit | total_epochs=epochs) | self, model, x, y, batch_size, epochs, verbose, callbacks, validation_split, validation_data, shuffle, class_weight, sample_weight, initial_epoch, steps_per_epoch, validation_steps, validation_freq, max_queue_size, workers, use_multiprocessing, **kwargs
S tensorflow/python/keras/engine/training_v2.py | run_one_epoch | batch_outs = execution_function(iterator) | model, iterator, execution_function, dataset_size, batch_size, strategy, steps_per_epoch, num_samples, mode, training_context, total_epochs
S tensorflow/python/keras/engine/training_v2_utils.py | execution_function | distributed_function(input_fn)) | input_fn
run tf.def_function.trace
S tensorflow/python/eager/def_function.py | __call__ | result = self._call(*args, **kwds) | self, *args, **kwds
S tensorflow/python/eager/def_function.py | _call | self._initialize(args, kwds, add_initializers_to=initializers) | self, *args, **kwds
S tensorflow/python/eager/def_function.py | _initialize | *args, **kwds)) | self, args, kwds, add_initializers_to
S tensorflow/python/eager/function.py | _get_concrete_function_internal_garbage_collected | graph_function, _, _ = self._maybe_define_function(args, kwargs) | self, *args, **kwargs
S tensorflow/python/eager/function.py | _maybe_define_function | graph_function = self._create_graph_function(args, kwargs) | self, args, kwargs
S tensorflow/python/eager/function.py | _create_graph_function | capture_by_value=self._capture_by_value), | self, args, kwargs, override_flat_arg_shapes
S tensorflow/python/framework/func_graph.py | func_graph_from_py_func | func_outputs = python_func(*func_args, **func_kwargs) | name, python_func, args, kwargs, signature, func_graph, autograph, autograph_options, add_control_dependencies, arg_names, op_return_value, collections, capture_by_value, override_flat_arg_shapes
S tensorflow/python/eager/def_function.py | wrapped_fn | out = weak_wrapped_fn().__wrapped__(*args, **kwds) | *args, **kwds
S tensorflow/python/framework/func_graph.py | wrapper | raise e.ag_error_metadata.to_exception(e) | *args, **kwargs
run tf.eager.execute
S tensorflow/python/eager/def_function.py | __call__ | result = self._call(*args, **kwds) | self, *args, **kwds
S tensorflow/python/eager/def_function.py | _call | return self._stateless_fn(*args, **kwds) | self, *args, **kwds
S tensorflow/python/eager/function.py | __call__ | return graph_function._call_flat( | self, *args, **kwargs
S tensorflow/python/eager/function.py | _call_flat | ctx, args, cancellation_manager=cancellation_manager)) | self, args, captured_inputs, cancellation_manager
S tensorflow/python/eager/function.py | call | ctx=ctx) | self, ctx, args, cancellation_manager
S tensorflow/python/eager/execute.py | quick_execute | inputs, attrs, num_outputs) | op_name, num_outputs, inputs, attrs, ctx, name
run tf.session.run
S tensorflow/python/client/session.py | run | run_metadata_ptr) | self, fetches, feed_dict, options, run_metadata
S tensorflow/python/client/session.py | _run | feed_dict_tensor, options, run_metadata) | self, handle, fetches, feed_dict, options, run_metadata
S tensorflow/python/client/session.py | _do_run | run_metadata) | self, handle, target_list, fetch_list, feed_dict, options, run_metadata
S tensorflow/python/client/session.py | _do_call | raise type(e)(node_def, op, message) | self, fn, *args
run tf.session.feed
S tensorflow/python/client/session.py | run | run_metadata_ptr) | self, fetches, feed_dict, options, run_metadata
S tensorflow/python/client/session.py | _run | str(subfeed_t.get_shape()))) | self, handle, fetches, feed_dict, options, run_metadata
run tf.ops.matmul
S tensorflow/python/ops/math_ops.py | matmul | a, b, transpose_a=transpose_a, transpose_b=transpose_b, name=name) | a, b, transpose_a, transpose_b, adjoint_a, adjoint_b, a_is_sparse, b_is_sparse, name
S tensorflow/python/ops/gen_math_ops.py | mat_mul | name=name) | a, b, transpose_a, transpose_b, name
run tf.ops.create_op
S tensorflow/python/framework/op_def_library.py | _apply_op_helper | op_def=op_def) | self, op_type_name, name, **keywords
S tensorflow/python/util/deprecation.py | new_func | return func(*args, **kwargs) | *args, **kwargs
S tensorflow/python/framework/ops.py | create_op | op_def=op_def) | self, op_type, inputs, dtypes, input_types, name, attrs, op_def, compute_shapes, compute_device
S tensorflow/python/framework/ops.py | __init__ | control_input_ops) | self, node_def, g, inputs, output_types, control_inputs, input_types, original_op, op_def
S tensorflow/python/framework/ops.py | _create_c_op | raise ValueError(str(e)) | graph, node_def, inputs, control_inputs
run tf.ops.finish
S tensorflow/python/framework/ops.py | _create_c_op | c_op = c_api.TF_FinishOperation(op_desc) | graph, node_def, inputs, control_inputs
run tf.convert.to_tensor
S tensorflow/python/framework/ops.py | convert_to_tensor | ret = conversion_func(value, dtype=dtype, name=name, as_ref=as_ref) | value, dtype, name, as_ref, preferred_dtype, dtype_hint, ctx, accepted_result_types
S tensorflow/python/framework/tensor_conversion_registry.py | _default_conversion_function | return constant_op.constant(value, dtype, name=name) | value, dtype, name, as_ref
run tf.convert.constant
S tensorflow/python/framework/constant_op.py | constant | allow_broadcast=True) | value, dtype, shape, name
S tensorflow/python/framework/constant_op.py | _constant_impl | return _constant_eager_impl(ctx, value, dtype, shape, verify_shape) | value, dtype, shape, name, verify_shape, allow_broadcast
S tensorflow/python/framework/constant_op.py | _constant_eager_impl | t = convert_to_eager_tensor(value, ctx, dtype) | ctx, value, dtype, shape, verify_shape
S tensorflow/python/framework/constant_op.py | convert_to_eager_tensor | return ops.EagerTensor(value, ctx.device_name, dtype) | value, ctx, dtype
run tf.keras.data_adapter
S tensorflow/python/keras/engine/data_adapter.py | __init__ | model=model) | self, x, y, sample_weight, batch_size, steps_per_epoch, initial_epoch, epochs, shuffle, class_weight, max_queue_size, workers, use_multiprocessing, model, steps_per_execution
S tensorflow/python/keras/engine/data_adapter.py | __init__ | x, y, sample_weights = _process_tensorlike((x, y, sample_weights)) | self, x, y, sample_weights, sample_weight_modes, batch_size, epochs, steps, shuffle, **kwargs
S tensorflow/python/keras/engine/data_adapter.py | _process_tensorlike | inputs = nest.map_structure(_convert_numpy_and_scipy, inputs) | inputs
S tensorflow/python/util/nest.py | map_structure | structure[0], [func(*x) for x in entries], | func, *structure, **kwargs
S tensorflow/python/util/nest.py | <listcomp> | structure[0], [func(*x) for x in entries], | .0
S tensorflow/python/keras/engine/data_adapter.py | _convert_numpy_and_scipy | return ops.convert_to_tensor(x, dtype=dtype) | x
run tf.keras.base_layer.call
S tensorflow/python/keras/engine/base_layer.py | __call__ | outputs = call_fn(inputs, *args, **kwargs) | self, *args, **kwargs
run tf.keras.input_spec
S tensorflow/python/keras/engine/base_layer.py | __call__ | input_spec.assert_input_compatibility(self.input_spec, inputs, self.name) | self, *args, **kwargs
S tensorflow/python/keras/engine/input_spec.py | assert_input_compatibility | str(x.shape.as_list())) | input_spec, inputs, layer_name
run tf.keras.sequential.add
S tensorflow/python/training/tracking/base.py | _method_wrapper | result = method(self, *args, **kwargs) | self, *args, **kwargs
S tensorflow/python/keras/engine/sequential.py | add | output_tensor = layer(self.outputs[0]) | self, layer
run tf.keras.load_model
S tensorflow/python/keras/saving/save.py | load_model | return hdf5_format.load_model_from_hdf5(filepath, custom_objects, compile) | filepath, custom_objects, compile, options
S tensorflow/python/keras/saving/hdf5_format.py | load_model_from_hdf5 | custom_objects=custom_objects) | filepath, custom_objects, compile
S tensorflow/python/keras/saving/model_config.py | model_from_config | return deserialize(config, custom_objects=custom_objects) | config, custom_objects
S tensorflow/python/keras/layers/serialization.py | deserialize | printable_module_name='layer') | config, custom_objects
S tensorflow/python/keras/utils/generic_utils.py | deserialize_keras_object | config, module_objects, custom_objects, printable_module_name) | identifier, module_objects, custom_objects, printable_module_name
S tensorflow/python/keras/utils/generic_utils.py | class_and_config_for_serialized_keras_object | raise ValueError('Unknown ' + printable_module_name + ': ' + class_name) | config, module_objects, custom_objects, printable_module_name
run tf.import.native
S tensorflow/python/pywrap_tensorflow.py | <module> | from tensorflow.python.pywrap_tensorflow_internal import * |
S tensorflow/python/pywrap_tensorflow_internal.py | <module> | _pywrap_tensorflow_internal = swig_import_helper() |
S tensorflow/python/pywrap_tensorflow_internal.py | swig_import_helper | _mod = imp.load_module('_pywrap_tensorflow_internal', fp, pathname, description) |
L imp.py | load_module | return load_dynamic(name, filename, file) | name, file, filename, details
L imp.py | load_dynamic | return _load(spec) | name, path, file
run tf.import.top
S tensorflow/__init__.py | <module> | from tensorflow.python import pywrap_tensorflow  # pylint: disable=unused-import |
S tensorflow/python/__init__.py | <module> | from tensorflow.python import pywrap_tensorflow |
S tensorflow/python/pywrap_tensorflow.py | <module> | raise ImportError(msg) |
run py.frozen.import
F <frozen importlib._bootstrap> | _find_and_load | | name, import_
F <frozen importlib._bootstrap> | _find_and_load_unlocked | | name, import_
F <frozen importlib._bootstrap> | _load_unlocked | | spec
F <frozen importlib._bootstrap_external> | exec_module | | self, module
F <frozen importlib._bootstrap> | _call_with_frames_removed | | f, *args, **kwds
run keras.import.backend
S keras/__init__.py | <module> | from . import utils |
S keras/utils/__init__.py | <module> | from . import conv_utils |
S keras/utils/conv_utils.py | <module> | from .. import backend as K |
S keras/backend/__init__.py | <module> | from .tensorflow_backend import * |
S keras/backend/tensorflow_backend.py | <module> | import tensorflow as tf |
run keras.fit
S keras/engine/training.py | fit | validation_steps=validation_steps) | self, x, y, batch_size, epochs, verbose, callbacks, validation_split, validation_data, shuffle, class_weight, sample_weight, initial_epoch, steps_per_epoch, validation_steps, **kwargs
S keras/engine/training_arrays.py | fit_loop | outs = fit_function(ins_batch) | model, fit_function, fit_inputs, out_labels, batch_size, epochs, verbose, callbacks, val_function, val_inputs, shuffle, callback_metrics, initial_epoch, steps_per_epoch, validation_steps
run keras.fit_generator
S keras/legacy/interfaces.py | wrapper | return func(*args, **kwargs) | *args, **kwargs
S keras/engine/training.py | fit_generator | initial_epoch=initial_epoch) | self, generator, steps_per_epoch, epochs, verbose, callbacks, validation_data, validation_steps, class_weight, max_queue_size, workers, use_multiprocessing, shuffle, initial_epoch
S keras/engine/training_generator.py | fit_generator | class_weight=class_weight) | model, generator, steps_per_epoch, epochs, verbose, callbacks, validation_data, validation_steps, class_weight, max_queue_size, workers, use_multiprocessing, shuffle, initial_epoch
S keras/engine/training.py | train_on_batch | outputs = self.train_function(ins) | self, x, y, sample_weight, class_weight
run keras.backend.call
S keras/backend/tensorflow_backend.py | __call__ | return self._call(inputs) | self, inputs
S keras/backend/tensorflow_backend.py | _call | fetched = self._callable_fn(*array_vals) | self, inputs
S tensorflow/python/client/session.py | __call__ | run_metadata_ptr) | self, *args, **kwargs
run tf.errors.exit
S tensorflow/python/framework/errors_impl.py | __exit__ | c_api.TF_GetCode(self.status.status)) | self, type_arg, value_arg, traceback_arg
run keras.standardize
S keras/engine/training.py | _standardize_user_data | exception_prefix='input') | self, x, y, sample_weight, class_weight, check_array_lengths, batch_size
S keras/engine/training_utils.py | standardize_input_data | 'with shape ' + str(data_shape)) | data, names, shapes, check_batch_axis, exception_prefix
run keras.fit.entry
S keras/engine/training.py | fit | batch_size=batch_size) | self, x, y, batch_size, epochs, verbose, callbacks, validation_split, validation_data, shuffle, class_weight, sample_weight, initial_epoch, steps_per_epoch, validation_steps, **kwargs
run keras.predict
S keras/engine/training.py | predict | steps=steps) | self, x, batch_size, verbose, steps
S keras/engine/training_arrays.py | predict_loop | batch_outs = f(ins_batch) | model, f, ins, batch_size, verbose, steps
run keras.layer.compat
S keras/engine/base_layer.py | __call__ | self.assert_input_compatibility(inputs) | self, inputs, **kwargs
S keras/engine/base_layer.py | assert_input_compatibility | str(K.ndim(x))) | self, inputs
run keras.sequential.add
S keras/engine/sequential.py | add | output_tensor = layer(self.outputs[0]) | self, layer
run keras.load_model
S keras/engine/saving.py | load_model | model = _deserialize_model(f, custom_objects, compile) | filepath, custom_objects, compile
S keras/engine/saving.py | _deserialize_model | model = model_from_config(model_config, custom_objects=custom_objects) | f, custom_objects, compile
S keras/engine/saving.py | model_from_config | return deserialize(config, custom_objects=custom_objects) | config, custom_objects
S keras/layers/__init__.py | deserialize | printable_module_name='layer') | config, custom_objects
S keras/utils/generic_utils.py | deserialize_keras_object | ': ' + class_name) | identifier, module_objects, custom_objects, printable_module_name
run sk.check_array.finite
S sklearn/utils/validation.py | check_array | _assert_all_finite(array, allow_nan=force_all_finite == 'allow-nan') | array, accept_sparse, accept_large_sparse, dtype, order, copy, force_all_finite, ensure_2d, allow_nd, ensure_min_samples, ensure_min_features, warn_on_dtype, estimator
S sklearn/utils/validation.py | _assert_all_finite | raise ValueError(msg_err.format(type_err, X.dtype)) | X, allow_nan, msg_dtype
run sk.check_X_y
S sklearn/utils/validation.py | check_X_y | estimator=estimator) | X, y, accept_sparse, accept_large_sparse, dtype, order, copy, force_all_finite, ensure_2d, allow_nd, multi_output, ensure_min_samples, ensure_min_features, y_numeric, warn_on_dtype, estimator
run sk.inner_f
S sklearn/utils/validation.py | inner_f | return f(**kwargs) | *args, **kwargs
run sk.check_array.2d
S sklearn/utils/validation.py | check_array | "if it contains a single sample.".format(array)) | array, accept_sparse, accept_large_sparse, dtype, order, copy, force_all_finite, ensure_2d, allow_nd, ensure_min_samples, ensure_min_features, estimator
run sk.check_array.convert
S sklearn/utils/validation.py | check_array | array = np.asarray(array, order=order, dtype=dtype) | array, accept_sparse, accept_large_sparse, dtype, order, copy, force_all_finite, ensure_2d, allow_nd, ensure_min_samples, ensure_min_features, estimator
S numpy/core/_asarray.py | asarray | return array(a, dtype, copy=False, order=order) | a, dtype, order
run sk.logistic.fit
S sklearn/linear_model/_logistic.py | fit | accept_large_sparse=solver != 'liblinear') | self, X, y, sample_weight
run sk.forest.fit
S sklearn/ensemble/_forest.py | fit | X, y = self._validate_data(X, y, multi_output=True, | self, X, y, sample_weight
S sklearn/base.py | _validate_data | X, y = check_X_y(X, y, **check_params) | self, X, y, reset, validate_separately, **check_params
run sk.consistent
S sklearn/utils/validation.py | check_consistent_length | " samples: %r" % [int(l) for l in lengths]) | *arrays
run sk.split
S sklearn/model_selection/_split.py | train_test_split | arrays = indexable(*arrays) | *arrays, **options
S sklearn/utils/validation.py | indexable | check_consistent_length(*result) | *iterables
run sk.metrics.targets
S sklearn/metrics/_classification.py | accuracy_score | y_type, y_true, y_pred = _check_targets(y_true, y_pred) | y_true, y_pred, normalize, sample_weight
S sklearn/metrics/_classification.py | _check_targets | "and {1} targets".format(type_true, type_pred)) | y_true, y_pred
run sk.pipeline.fit
S sklearn/pipeline.py | fit | Xt, fit_params = self._fit(X, y, **fit_params) | self, X, y, **fit_params
S sklearn/pipeline.py | _fit | **fit_params_steps[name]) | self, X, y, **fit_params
S joblib/memory.py | __call__ | return self.func(*args, **kwargs) | self, *args, **kwargs
S sklearn/pipeline.py | _fit_transform_one | res = transformer.fit_transform(X, y, **fit_params) | transformer, X, y, weight, message_clsname, message, **fit_params
run sk.text.vocab
S sklearn/feature_extraction/text.py | fit_transform | self.fixed_vocabulary_) | self, raw_documents, y
S sklearn/feature_extraction/text.py | _count_vocab | raise ValueError("empty vocabulary; perhaps the documents only" | self, raw_documents, fixed_vocab
run sk.search.parallel
S sklearn/model_selection/_search.py | fit | self._run_search(evaluate_candidates) | self, X, y, groups, **fit_params
S sklearn/model_selection/_search.py | _run_search | evaluate_candidates(ParameterGrid(self.param_grid)) | self, evaluate_candidates
S sklearn/model_selection/_search.py | evaluate_candidates | cv.split(X, y, groups))) | candidate_params
S joblib/parallel.py | __call__ | self.retrieve() | self, iterable
S joblib/parallel.py | retrieve | self._output.extend(job.get(timeout=self.timeout)) | self
S joblib/_parallel_backends.py | wrap_future_result | return future.result(timeout=timeout) | future, timeout
L concurrent/futures/_base.py | result | return self.__get_result() | self, timeout
L concurrent/futures/_base.py | __get_result | raise self._exception | self
run sk.notfitted
S sklearn/utils/validation.py | check_is_fitted | raise NotFittedError(msg % {'name': type(estimator).__name__}) | estimator, attributes, msg, all_or_any
run sk.forest.predict
S sklearn/ensemble/_forest.py | predict | proba = self.predict_proba(X) | self, X
S sklearn/ensemble/_forest.py | predict_proba | X = self._validate_X_predict(X) | self, X
S sklearn/ensemble/_forest.py | _validate_X_predict | return self.estimators_[0]._validate_X_predict(X, check_input=True) | self, X
S sklearn/tree/_classes.py | _validate_X_predict | % (self.n_features_, n_features)) | self, X, check_input
run sk.label.transform
S sklearn/preprocessing/_label.py | transform | return _encode(y, uniques=self.classes_) | self, y
S sklearn/utils/_encode.py | _encode | raise ValueError(f"y contains previously unseen labels: {str(e)}") | values, uniques, check_unknown
run pandas.getitem
S pandas/core/frame.py | __getitem__ | indexer = self.columns.get_loc(key) | self, key
S pandas/core/indexes/base.py | get_loc | raise KeyError(key) from err | self, key, method, tolerance
run pandas.getitem.old
S pandas/core/frame.py | __getitem__ | return self._getitem_column(key) | self, key
S pandas/core/frame.py | _getitem_column | return self._get_item_cache(key) | self, key
S pandas/core/generic.py | _get_item_cache | values = self._data.get(item) | self, item
S pandas/core/internals.py | get | loc = self.items.get_loc(item) | self, item, fastpath
S pandas/core/indexes/base.py | get_loc | return self._engine.get_loc(self._maybe_cast_indexer(key)) | self, key, method, tolerance
run pandas.getloc.pyx
S pandas/core/indexes/base.py | get_loc | return self._engine.get_loc(casted_key) | self, key, method, tolerance
X pandas/_libs/index.pyx | pandas._libs.index.IndexEngine.get_loc | |
X pandas/_libs/index.pyx | pandas._libs.index.IndexEngine.get_loc | |
X pandas/_libs/hashtable_class_helper.pxi | pandas._libs.hashtable.PyObjectHashTable.get_item | |
X pandas/_libs/hashtable_class_helper.pxi | pandas._libs.hashtable.PyObjectHashTable.get_item | |
run pandas.read_csv
S pandas/io/parsers.py | read_csv | return _read(filepath_or_buffer, kwds) | filepath_or_buffer, sep, delimiter, header, names, index_col, usecols, squeeze, prefix, mangle_dupe_cols, dtype, engine, converters
S pandas/io/parsers.py | _read | parser = TextFileReader(filepath_or_buffer, **kwds) | filepath_or_buffer, kwds
S pandas/io/parsers.py | __init__ | self._make_engine(self.engine) | self, f, engine, **kwds
S pandas/io/parsers.py | _make_engine | self._engine = CParserWrapper(self.f, **self.options) | self, engine
S pandas/io/parsers.py | __init__ | self._reader = parsers.TextReader(src, **kwds) | self, src, **kwds
X pandas/_libs/parsers.pyx | pandas._libs.parsers.TextReader.__cinit__ | |
run torch.module.call
S torch/nn/modules/module.py | _call_impl | result = self.forward(*input, **kwargs) | self, *input, **kwargs
run torch.module.call.old
S torch/nn/modules/module.py | __call__ | result = self.forward(*input, **kwargs) | self, *input, **kwargs
run torch.sequential
S torch/nn/modules/container.py | forward | input = module(input) | self, input
run torch.linear
S torch/nn/modules/linear.py | forward | return F.linear(input, self.weight, self.bias) | self, input
S torch/nn/functional.py | linear | output = input.matmul(weight.t()) | input, weight, bias
run torch.conv
S torch/nn/modules/conv.py | forward | return self._conv_forward(input, self.weight) | self, input
S torch/nn/modules/conv.py | _conv_forward | self.padding, self.dilation, self.groups) | self, input, weight
run torch.loss.ce
S torch/nn/modules/loss.py | forward | ignore_index=self.ignore_index, reduction=self.reduction) | self, input, target
S torch/nn/functional.py | cross_entropy | return nll_loss(log_softmax(input, 1), target, weight, None, ignore_index, None, reduction) | input, target, weight, size_average, ignore_index, reduce, reduction
S torch/nn/functional.py | nll_loss | ret = torch._C._nn.nll_loss(input, target, weight, _Reduction.get_enum(reduction), ignore_index) | input, target, weight, size_average, ignore_index, reduce, reduction
run torch.backward
S torch/tensor.py | backward | torch.autograd.backward(self, gradient, retain_graph, create_graph) | self, gradient, retain_graph, create_graph
S torch/autograd/__init__.py | backward | allow_unreachable=True)  # allow_unreachable flag | tensors, grad_tensors, retain_graph, create_graph, grad_variables
run torch.loader.next
S torch/utils/data/dataloader.py | __next__ | data = self._next_data() | self
run torch.loader.worker
S torch/utils/data/dataloader.py | _next_data | return self._process_data(data) | self
S torch/utils/data/dataloader.py | _process_data | data.reraise() | self, data
S torch/_utils.py | reraise | raise self.exc_type(msg) | self
run torch.loader.fetch
S torch/utils/data/dataloader.py | _next_data | data = self._dataset_fetcher.fetch(index)  # may raise StopIteration | self
S torch/utils/data/_utils/fetch.py | fetch | data = [self.dataset[idx] for idx in possibly_batched_index] | self, possibly_batched_index
S torch/utils/data/_utils/fetch.py | <listcomp> | data = [self.dataset[idx] for idx in possibly_batched_index] | .0
run torch.loader.collate
S torch/utils/data/dataloader.py | _next_data | data = self._dataset_fetcher.fetch(index)  # may raise StopIteration | self
S torch/utils/data/_utils/fetch.py | fetch | return self.collate_fn(data) | self, possibly_batched_index
S torch/utils/data/_utils/collate.py | default_collate | return [default_collate(samples) for samples in transposed] | batch
S torch/utils/data/_utils/collate.py | <listcomp> | return [default_collate(samples) for samples in transposed] | .0
S torch/utils/data/_utils/collate.py | default_collate | return torch.stack(batch, 0, out=out) | batch
run torch.cuda.apply
S torch/nn/modules/module.py | cuda | return self._apply(lambda t: t.cuda(device)) | self, device
S torch/nn/modules/module.py | _apply | module._apply(fn) | self, fn
S torch/nn/modules/module.py | _apply | param_applied = fn(param) | self, fn
S torch/nn/modules/module.py | <lambda> | return self._apply(lambda t: t.cuda(device)) | t
run torch.cuda.lazy
S torch/cuda/__init__.py | _lazy_init | raise AssertionError("Torch not compiled with CUDA enabled") |
run torch.load
S torch/serialization.py | load | return _legacy_load(opened_file, map_location, pickle_module, **pickle_load_args) | f, map_location, pickle_module, **pickle_load_args
S torch/serialization.py | _legacy_load | result = unpickler.load() | f, map_location, pickle_module, **pickle_load_args
S torch/serialization.py | persistent_load | deserialized_objects[root_key] = restore_location(obj, location) | saved_id
S torch/serialization.py | default_restore_location | result = fn(storage, location) | storage, location
S torch/serialization.py | _cuda_deserialize | device = validate_cuda_device(location) | obj, location
S torch/serialization.py | validate_cuda_device | raise RuntimeError('Attempting to deserialize object on a CUDA ' | location
run torch.load_state_dict
S torch/nn/modules/module.py | load_state_dict | self.__class__.__name__, "\\n\\t".join(error_msgs))) | self, state_dict, strict
run lightning.fit
S pytorch_lightning/trainer/trainer.py | fit | results = self.accelerator_backend.train() | self, model, train_dataloader, val_dataloaders, datamodule
S pytorch_lightning/accelerators/cpu_accelerator.py | train | results = self.train_or_test() | self
S pytorch_lightning/accelerators/accelerator.py | train_or_test | results = self.trainer.train() | self
S pytorch_lightning/trainer/trainer.py | train | self.train_loop.run_training_epoch() | self
S pytorch_lightning/trainer/training_loop.py | run_training_epoch | batch_output = self.run_training_batch(batch, batch_idx, dataloader_idx) | self
S pytorch_lightning/trainer/training_loop.py | run_training_batch | self.optimizer_step(optimizer, opt_idx, batch_idx, train_step_and_backward_closure) | self, batch, batch_idx, dataloader_idx
S pytorch_lightning/trainer/training_loop.py | training_step | training_step_output = self.trainer.accelerator_backend.training_step(args) | self, split_batch, batch_idx, opt_idx, hiddens
S pytorch_lightning/accelerators/cpu_accelerator.py | training_step | output = self.trainer.model.training_step(*args) | self, args
run nltk.word_tokenize
S nltk/tokenize/__init__.py | word_tokenize | sentences = [text] if preserve_line else sent_tokenize(text, language) | text, language, preserve_line
S nltk/tokenize/__init__.py | sent_tokenize | tokenizer = load('tokenizers/punkt/{0}.pickle'.format(language)) | text, language
run nltk.data.load
S nltk/data.py | load | opened_resource = _open(resource_url) | resource_url, format, cache, verbose, logic_parser, fstruct_reader, encoding
S nltk/data.py | _open | return find(path_, path + ['']).open() | resource_url
run nltk.data.find
S nltk/data.py | find | raise LookupError(resource_not_found) | resource_name, paths
run nltk.pos_tag
S nltk/tag/__init__.py | pos_tag | tagger = _get_tagger(lang) | tokens, tagset, lang
S nltk/tag/__init__.py | _get_tagger | tagger = PerceptronTagger() | lang
S nltk/tag/perceptron.py | __init__ | find('taggers/averaged_perceptron_tagger/' + PICKLE)) | self, load
run nltk.corpus.lazy
S nltk/corpus/util.py | __getattr__ | self.__load() | self, attr
S nltk/corpus/util.py | __load | raise e | self
S nltk/corpus/util.py | __load | root = nltk.data.find('{}/{}'.format(self.subdir, self.__name)) | self
run nltk.corpus.lazy.inner
S nltk/corpus/util.py | __load | root = nltk.data.find('{}/{}'.format(self.subdir, zip_name)) | self
run nltk.stanford
S nltk/tag/stanford.py | __init__ | verbose=verbose) | self, model_filename, path_to_jar, encoding, verbose, java_options
S nltk/internals.py | find_jar | searchpath, url, verbose, is_regex)) | name_pattern, path_to_jar, env_vars, searchpath, url, verbose, is_regex
S nltk/internals.py | find_jar_iter | raise LookupError('\\n\\n%s\\n%s\\n%s' % (div, msg, div)) | name_pattern, path_to_jar, env_vars, searchpath, url, verbose, is_regex
run nltk.naivebayes
S nltk/classify/naivebayes.py | train | for featureset, label in labeled_featuresets: | cls, labeled_featuresets, estimator
run nltk.lemmatize
S nltk/stem/wordnet.py | lemmatize | lemmas = wordnet._morphy(word, pos) | self, word, pos
run hf.config.dict
S transformers/configuration_utils.py | get_config_dict | raise EnvironmentError(msg) | cls, pretrained_model_name_or_path, **kwargs
run hf.model.from_pretrained
S transformers/modeling_utils.py | from_pretrained | **kwargs, | cls, pretrained_model_name_or_path, *model_args, **kwargs
S transformers/configuration_utils.py | from_pretrained | config_dict, kwargs = cls.get_config_dict(pretrained_model_name_or_path, **kwargs) | cls, pretrained_model_name_or_path, **kwargs
run hf.auto.tokenizer
S transformers/tokenization_auto.py | from_pretrained | config = AutoConfig.from_pretrained(pretrained_model_name_or_path, **kwargs) | cls, pretrained_model_name_or_path, *inputs, **kwargs
S transformers/configuration_auto.py | from_pretrained | config_dict, _ = PretrainedConfig.get_config_dict(pretrained_model_name_or_path, **kwargs) | cls, pretrained_model_name_or_path, **kwargs
run hf.file_utils
S transformers/file_utils.py | cached_path | local_files_only=local_files_only, | url_or_filename, cache_dir, force_download, proxies, resume_download, user_agent, extract_compressed_file, force_extract, local_files_only
S transformers/file_utils.py | get_from_cache | "Connection error, and we cannot find the requested files in the cached path." | url, cache_dir, force_download, proxies, etag_timeout, resume_download, user_agent, local_files_only
run hf.bert.model
S transformers/modeling_bert.py | forward | inputs_embeds=inputs_embeds | self, input_ids, attention_mask, token_type_ids, position_ids, head_mask, inputs_embeds, encoder_hidden_states, encoder_attention_mask, output_attentions, output_hidden_states, return_dict
run hf.bert.embeddings
S transformers/modeling_bert.py | forward | inputs_embeds = self.word_embeddings(input_ids) | self, input_ids, token_type_ids, position_ids, inputs_embeds
run torch.sparse.embedding
S torch/nn/modules/sparse.py | forward | self.norm_type, self.scale_grad_by_freq, self.sparse) | self, input
S torch/nn/functional.py | embedding | return torch.embedding(weight, input, padding_idx, scale_grad_by_freq, sparse) | input, weight, padding_idx, max_norm, norm_type, scale_grad_by_freq, sparse
run hf.tokenizer.call
S transformers/tokenization_utils_base.py | __call__ | **kwargs, | self, text, text_pair, add_special_tokens, padding, truncation, max_length, stride, is_split_into_words, pad_to_multiple_of, return_tensors, return_token_type_ids, return_attention_mask, return_overflowing_tokens, return_special_tokens_mask, return_offsets_mapping, return_length, verbose, **kwargs
S transformers/tokenization_utils_base.py | encode_plus | **kwargs, | self, text, text_pair, add_special_tokens, padding, truncation, max_length, stride, is_split_into_words, pad_to_multiple_of, return_tensors, **kwargs
S transformers/tokenization_utils.py | _encode_plus | first_ids = get_input_ids(text) | self, text, text_pair, add_special_tokens, padding_strategy, truncation_strategy, max_length, stride, **kwargs
S transformers/tokenization_utils.py | get_input_ids | "Input is not valid. Should be a string, a list/tuple of strings or a list/tuple of integers." | text
run hf.trainer.train
S transformers/trainer.py | train | tr_loss += self.training_step(model, inputs) | self, model_path, trial
S transformers/trainer.py | training_step | loss = self.compute_loss(model, inputs) | self, model, inputs
S transformers/trainer.py | compute_loss | outputs = model(**inputs) | self, model, inputs
run hf.tf.bert.call
S transformers/modeling_tf_bert.py | call | training=inputs["training"], | self, inputs, attention_mask, token_type_ids, position_ids, head_mask, inputs_embeds, output_attentions, output_hidden_states, return_dict, training, **kwargs
run hf.pipeline
S transformers/pipelines.py | pipeline | framework = framework or get_framework(model) | task, model, config, tokenizer, framework, **kwargs
S transformers/pipelines.py | get_framework | "At least one of TensorFlow 2.0 or PyTorch should be installed. " | model
run spark.ml.fit
P pyspark/ml/base.py | fit | return self._fit(dataset) | self, dataset, params
P pyspark/ml/wrapper.py | _fit | java_model = self._fit_java(dataset) | self, dataset
P pyspark/ml/wrapper.py | _fit_java | return self._java_obj.fit(dataset._jdf) | self, dataset
run py4j.call.converted
J py4j/java_gateway.py | __call__ | answer, self.gateway_client, self.target_id, self.name) | self, *args
P pyspark/sql/utils.py | deco | raise IllegalArgumentException(s.split(': ', 1)[1], stackTrace) | *a, **kw
run py4j.call.raw
J py4j/java_gateway.py | __call__ | answer, self.gateway_client, self.target_id, self.name) | self, *args
P pyspark/sql/utils.py | deco | return f(*a, **kw) | *a, **kw
J py4j/protocol.py | get_return_value | format(target_id, ".", name), value) | answer, gateway_client, target_id, name
run spark.pipeline.fit
P pyspark/ml/base.py | fit | return self._fit(dataset) | self, dataset, params
P pyspark/ml/pipeline.py | _fit | model = stage.fit(dataset) | self, dataset
run spark.ml.transform
P pyspark/ml/base.py | transform | return self._transform(dataset) | self, dataset, params
P pyspark/ml/wrapper.py | _transform | return DataFrame(self._java_obj.transform(dataset._jdf), dataset.sql_ctx) | self, dataset
run spark.tuning.cv
P pyspark/ml/tuning.py | _fit | model = est.fit(train, epm[j]) | self, dataset
P pyspark/ml/base.py | fit | return self.copy(params)._fit(dataset) | self, dataset, params
run spark.evaluate
P pyspark/ml/evaluation.py | evaluate | return self._evaluate(dataset) | self, dataset, params
P pyspark/ml/evaluation.py | _evaluate | return self._java_obj.evaluate(dataset._jdf) | self, dataset
run spark.mllib.train
P pyspark/mllib/classification.py | train | return _regression_train_wrapper(train, LogisticRegressionModel, data, initialWeights) | cls, data, iterations, step, miniBatchFraction, initialWeights, regParam, regType, intercept, validateData, convergenceTol
P pyspark/mllib/regression.py | _regression_train_wrapper | raise TypeError("data should be an RDD of LabeledPoint, but got %s" % type(first)) | train_func, modelClass, data, initial_weights

scenario tensorflow 6 tf2.fit.graph
call history = model.fit(X_train, y_train, epochs={5-100}, batch_size={16-128}, validation_split=0.2)
chain tf.keras.fit2 tf.def_function.trace
raise ValueError | in user code:\\n\\n    ValueError: Input 0 of layer sequential is incompatible with the layer: expected axis -1 of input shape to have value {2-1024} but received input with shape [None, {2-1024}]
raise ValueError | in user code:\\n\\n    ValueError: Shapes (None, {1-10}) and (None, {1-10}) are incompatible
raise ValueError | in user code:\\n\\n    ValueError: logits and labels must have the same shape ((None, {1-10}) vs (None, 1))
scenario tensorflow 5 tf2.fit.execute
call model.fit(train_ds, validation_data=val_ds, epochs={5-50})
chain tf.keras.fit2 tf.eager.execute
raise tensorflow.python.framework.errors_impl.InvalidArgumentError |  indices[{0-127},{0-99}] = {100-99999} is not in [0, {100-9999})\\n\\t [[node sequential/embedding/embedding_lookup (defined at {word}.py:{10-99}) ]] [Op:__inference_train_function_{1000-99999}]
raise tensorflow.python.framework.errors_impl.ResourceExhaustedError |  OOM when allocating tensor with shape[{16-256},{64-512},{7-224},{7-224}] and type float on /job:localhost/replica:0/task:0/device:GPU:0 by allocator GPU_0_bfc
raise tensorflow.python.framework.errors_impl.UnknownError |   Failed to get convolution algorithm. This is probably because cuDNN failed to initialize, so try looking to see if a warning log message was printed above.
scenario tensorflow 3 tf21.fit
call model.fit(X_train, y_train, epochs={5-100})
chain tf.keras.fit21 tf.eager.execute
raise tensorflow.python.framework.errors_impl.InvalidArgumentError |  Incompatible shapes: [{16-128},{1-10}] vs. [{16-128},{1-10}]\\n\\t [[node loss/dense_{1-5}_loss/mul (defined at {word}.py:{10-99}) ]] [Op:__inference_distributed_function_{1000-9999}]
raise tensorflow.python.framework.errors_impl.NotFoundError |  No algorithm worked!\\n\\t [[node sequential/conv2d/Conv2D (defined at {word}.py:{10-99}) ]] [Op:__inference_distributed_function_{1000-9999}]
scenario tensorflow 6 tf1.session
call sess.run(train_op, feed_dict={x: batch_x, y: batch_y})
chain tf.session.run
raise tensorflow.python.framework.errors_impl.InvalidArgumentError | You must feed a value for placeholder tensor 'Placeholder_{1-9}' with dtype float and shape [?,{1-1024}]\\n\\t [[Node: Placeholder_{1-9} = Placeholder[dtype=DT_FLOAT, shape=[?,{1-1024}], _device="/job:localhost/replica:0/task:0/device:CPU:0"]()]]
raise tensorflow.python.framework.errors_impl.FailedPreconditionError | Attempting to use uninitialized value Variable_{1-9}\\n\\t [[{{node Variable_{1-9}/read}}]]
raise tensorflow.python.framework.errors_impl.InvalidArgumentError | logits and labels must be broadcastable: logits_size=[{16-128},{2-10}] labels_size=[{16-128},{2-10}]
scenario tensorflow 3 tf1.feed
call _, c = sess.run([optimizer, cost], feed_dict={X: batch_xs, Y: batch_ys})
chain tf.session.feed
raise ValueError | Cannot feed value of shape ({16-128}, {2-784}) for Tensor 'Placeholder:0', which has shape '(?, {2-784})'
scenario tensorflow 4 tf1.matmul.chained
call logits = tf.matmul(x, W) + b
nouser
chain tf.ops.finish
raise tensorflow.python.framework.errors_impl.InvalidArgumentError | Dimensions must be equal, but are {2-1024} and {2-1024} for 'MatMul' (op: 'MatMul') with input shapes: [?,{2-1024}], [{2-1024},{2-10}].
link context
chain tf.ops.matmul tf.ops.create_op
raise ValueError | {prev}
scenario tensorflow 4 tf2.convert
call model.fit(X, y, epochs={5-50}, batch_size={16-64})
chain tf.keras.fit2 tf.keras.data_adapter tf.convert.to_tensor tf.convert.constant
raise ValueError | Failed to convert a NumPy array to a Tensor (Unsupported object type {dtype}).
raise ValueError | Failed to convert a NumPy array to a Tensor (Unsupported numpy type: NPY_INT).
scenario tensorflow 3 tf.convert.direct
call t = tf.constant(data)
chain tf.convert.constant
raise ValueError | Can't convert non-rectangular Python sequence to Tensor.
raise TypeError | Expected {dtype}, got '{word}' of type 'str' instead.
scenario tensorflow 3 tf.input_spec
call outputs = model(inputs)
chain tf.keras.input_spec
raise ValueError | Input 0 of layer {layer} is incompatible with the layer: expected ndim=3, found ndim=2. Full shape received: [None, {2-512}]
scenario tensorflow 2 tf.custom_layer
call x = MyLayer({8-256})(x)
chain tf.keras.base_layer.call @call:return tf.matmul(inputs, self.w) + self.b tf.ops.matmul tf.ops.create_op
raise ValueError | Dimensions must be equal, but are {2-1024} and {2-1024} for 'my_layer/MatMul' (op: 'MatMul') with input shapes: [?,{2-1024}], [{2-1024},{2-1024}].
scenario tensorflow 2 tf.load_model
call model = tf.keras.models.load_model('{word}.h5')
chain tf.keras.load_model
raise ValueError | Unknown layer: {Layer}
scenario tensorflow 4 tf.import.dll
call import tensorflow as tf
os windows
nouser
chain tf.import.native
raise ImportError | DLL load failed: The specified module could not be found.
link context
chain tf.import.top
raise ImportError | DLL load failed: The specified module could not be found.\\n\\n\\nFailed to load the native TensorFlow runtime.\\n\\nSee https://www.tensorflow.org/install/errors\\n\\nfor some common reasons and solutions.  Include the entire stack trace\\nabove this error message when asking for help.
scenario tensorflow 1 tf.import.frozen
call import tensorflow as tf
chain py.frozen.import tf.import.top
raise ImportError | libcublas.so.{9-10}.0: cannot open shared object file: No such file or directory
scenario keras 7 keras.fit.session
call model.fit(X_train, y_train, batch_size={16-128}, epochs={5-100}, verbose=1)
chain keras.fit keras.backend.call tf.errors.exit
raise tensorflow.python.framework.errors_impl.InvalidArgumentError | Incompatible shapes: [{16-128},{1-10}] vs. [{16-128},{1-10}]\\n\\t [[{{node loss/dense_{1-5}_loss/mul}}]]
raise tensorflow.python.framework.errors_impl.ResourceExhaustedError | OOM when allocating tensor with shape[{16-256},{64-512},{7-224},{7-224}] and type float on /job:localhost/replica:0/task:0/device:GPU:0 by allocator GPU_0_bfc
scenario keras 7 keras.standardize
call model.fit(X, y, epochs={5-100}, batch_size={16-128})
chain keras.fit.entry keras.standardize
raise ValueError | Error when checking input: expected {layer}_input to have shape ({2-784},) but got array with shape ({2-784}, {1-10})
raise ValueError | Error when checking target: expected {layer} to have shape ({1-10},) but got array with shape (1,)
raise ValueError | Error when checking input: expected {layer}_input to have 4 dimensions, but got array with shape ({16-60000}, {28-224}, {28-224})
scenario keras 4 keras.predict
call pred = model.predict(img)
chain keras.predict keras.backend.call tf.errors.exit
raise tensorflow.python.framework.errors_impl.InvalidArgumentError | Matrix size-incompatible: In[0]: [{1-64},{2-784}], In[1]: [{2-784},{2-512}]\\n\\t [[{{node dense_{1-5}/MatMul}}]]
scenario keras 4 keras.layer
call model.add(LSTM({16-256}, return_sequences=True))
chain keras.sequential.add keras.layer.compat
raise ValueError | Input 0 is incompatible with layer {layer}: expected ndim=3, found ndim=2
scenario keras 4 keras.fit_generator
call model.fit_generator(train_generator, steps_per_epoch={10-500}, epochs={5-50}, validation_data=validation_generator)
chain keras.fit_generator keras.backend.call tf.errors.exit
raise tensorflow.python.framework.errors_impl.InvalidArgumentError | Received a label value of {2-100} which is outside the valid range of [0, {2-100}).  Label values: {1-9} {1-9} {1-9} {1-9}\\n\\t [[{{node loss/dense_{1-5}_loss/SparseSoftmaxCrossEntropyWithLogits/SparseSoftmaxCrossEntropyWithLogits}}]]
scenario keras 3 keras.load_model
call model = load_model('{word}.h5')
chain keras.load_model
raise ValueError | Unknown layer: {Layer}
raise ValueError | Unknown metric function:{word}
scenario keras 2 keras.import
call from keras.models import Sequential
chain keras.import.backend
raise ModuleNotFoundError | No module named 'tensorflow'
raise AttributeError | module 'tensorflow' has no attribute 'get_default_graph'
scenario keras 6 tfkeras.fit
call history = model.fit(x_train, y_train, epochs={5-100}, validation_data=(x_val, y_val))
chain tf.keras.fit2 tf.def_function.trace
raise ValueError | in user code:\\n\\n    ValueError: Shapes (None, {1-10}) and (None, {1-10}) are incompatible
raise ValueError | in user code:\\n\\n    ValueError: No gradients provided for any variable: ['dense/kernel:0', 'dense/bias:0'].
scenario keras 3 tfkeras.sequential
call model.add(Dense({8-512}, activation='relu'))
chain tf.keras.sequential.add tf.keras.input_spec
raise ValueError | Input 0 of layer {layer} is incompatible with the layer: expected axis -1 of input shape to have value {2-1024} but received input with shape [None, {2-1024}]
scenario keras 2 tfkeras.custom_layer
call out = Attention()(lstm_out)
chain tf.keras.base_layer.call @call:score = tf.matmul(query, key, transpose_b=True) tf.ops.matmul tf.ops.create_op
raise ValueError | Shape must be rank 2 but is rank 3 for '{{node attention/MatMul}} = MatMul[T=DT_FLOAT, transpose_a=false, transpose_b=true](Placeholder, Placeholder_1)' with input shapes: [?,{2-100},{2-512}], [?,{2-100},{2-512}].
scenario scikit-learn 6 sk.nan
call clf.fit(X_train, y_train)
chain sk.logistic.fit sk.check_X_y sk.check_array.finite
raise ValueError | Input contains NaN, infinity or a value too large for dtype('float64').
scenario scikit-learn 4 sk.nan.forest
call rf.fit(X_train, y_train)
chain sk.forest.fit sk.inner_f sk.check_X_y sk.inner_f sk.check_array.finite
raise ValueError | Input contains NaN, infinity or a value too large for dtype('float32').
scenario scikit-learn 5 sk.2d
call model.fit(X, y)
chain sk.logistic.fit sk.check_X_y sk.check_array.2d
raise ValueError | Expected 2D array, got 1D array instead:\\narray=[{1-9}. {1-9}. {1-9}. {1-9}.].\\nReshape your data either using array.reshape(-1, 1) if your data has a single feature or array.reshape(1, -1) if it contains a single sample.
scenario scikit-learn 4 sk.string
call clf.fit(df[features], df['{col}'])
chain sk.logistic.fit sk.check_X_y sk.check_array.convert
raise ValueError | could not convert string to float: '{word}'
scenario scikit-learn 3 sk.split
call X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.{1-3}, random_state=42)
chain sk.split sk.consistent
raise ValueError | Found input variables with inconsistent numbers of samples: [{10-9999}, {10-9999}]
scenario scikit-learn 3 sk.metrics
call print(accuracy_score(y_test, y_pred))
chain sk.metrics.targets
raise ValueError | Classification metrics can't handle a mix of binary and continuous targets
raise ValueError | Classification metrics can't handle a mix of multilabel-indicator and multiclass targets
scenario scikit-learn 3 sk.vocab
call X = pipeline.fit(docs, labels)
chain sk.pipeline.fit sk.text.vocab
raise ValueError | empty vocabulary; perhaps the documents only contain stop words
scenario scikit-learn 2 sk.parallel
call grid.fit(X_train, y_train)
chain sk.search.parallel
raise joblib.externals.loky.process_executor.TerminatedWorkerError | A worker process managed by the executor was unexpectedly terminated. This could be caused by a segmentation fault while calling the function or by an excessive memory usage causing the Operating System to kill the worker. The exit codes of the workers are {SIGKILL(-9)}
raise concurrent.futures.process.BrokenProcessPool | A task has failed to un-serialize. Please ensure that the arguments of the function are all picklable.
scenario scikit-learn 2 sk.notfitted
call y_pred = clf.predict(X_test)
chain sk.notfitted
raise sklearn.exceptions.NotFittedError | This {Estimator} instance is not fitted yet. Call 'fit' with appropriate arguments before using this estimator.
scenario scikit-learn 3 sk.features
call preds = rf.predict(X_new)
chain sk.forest.predict
raise ValueError | Number of features of the model must match the input. Model n_features is {2-100} and input n_features is {2-100} 
scenario scikit-learn 2 sk.label
call y_test = le.transform(test['{col}'])
chain sk.label.transform
raise ValueError | y contains previously unseen labels: '{word}'
scenario scikit-learn 3 pandas.keyerror
call X = df['{col}']
nouser
chain pandas.getloc.pyx
raise KeyError | '{col}'
link cause
chain pandas.getitem
raise KeyError | '{col}'
scenario scikit-learn 2 pandas.keyerror.old
call y = data['{col}']
nouser
chain pandas.getloc.pyx
raise KeyError | '{col}'
link context
chain pandas.getitem.old pandas.getloc.pyx
raise KeyError | '{col}'
scenario pytorch 6 torch.linear
call output = model(images)
chain torch.module.call @forward:x = self.fc1(x) torch.module.call torch.linear
raise RuntimeError | size mismatch, m1: [{1-128} x {2-4096}], m2: [{2-4096} x {2-1024}] at /pytorch/aten/src/TH/generic/THTensorMath.cpp:{41-961}
raise RuntimeError | mat1 and mat2 shapes cannot be multiplied ({1-128}x{2-4096} and {2-4096}x{2-1024})
scenario pytorch 4 torch.linear.old
call out = net(inputs)
chain torch.module.call.old @forward:x = self.fc(x) torch.module.call.old torch.linear
raise RuntimeError | size mismatch, m1: [{1-128} x {2-4096}], m2: [{2-4096} x {2-1024}] at /opt/conda/conda-bld/pytorch_1556653099582/work/aten/src/TH/generic/THTensorMath.cpp:{41-961}
scenario pytorch 4 torch.conv
call outputs = model(inputs)
chain torch.module.call @forward:x = self.features(x) torch.module.call torch.sequential torch.module.call torch.conv
raise RuntimeError | Given groups=1, weight of size [{16-128}, 3, 3, 3], expected input[{1-64}, 1, {28-224}, {28-224}] to have 3 channels, but got 1 channels instead
raise RuntimeError | Expected 4-dimensional input for 4-dimensional weight [{16-128}, 3, 5, 5], but got 3-dimensional input of size [3, {28-224}, {28-224}] instead
scenario pytorch 4 torch.loss
call loss = criterion(outputs, labels)
chain torch.module.call torch.loss.ce
raise RuntimeError | expected scalar type Long but found Float
raise RuntimeError | multi-target not supported at /pytorch/aten/src/THNN/generic/ClassNLLCriterion.c:{20-30}
raise IndexError | Target {2-1000} is out of bounds.
scenario pytorch 3 torch.backward
call loss.backward()
chain torch.backward
raise RuntimeError | element 0 of tensors does not require grad and does not have a grad_fn
raise RuntimeError | Trying to backward through the graph a second time, but the saved intermediate results have already been freed. Specify retain_graph=True when calling backward the first time.
scenario pytorch 3 torch.loader.worker
call for i, (images, labels) in enumerate(train_loader):
chain torch.loader.next torch.loader.worker
raise RuntimeError | Caught RuntimeError in DataLoader worker process 0.
raise TypeError | Caught TypeError in DataLoader worker process 0.
scenario pytorch 3 torch.loader.fetch
call for batch in dataloader:
chain torch.loader.next torch.loader.fetch @__getitem__:image = Image.open(self.paths[idx])
raise FileNotFoundError | [Errno 2] No such file or directory: '{word}/{1-9999}.jpg'
raise IndexError | list index out of range
scenario pytorch 2 torch.loader.collate
call for data, target in train_loader:
chain torch.loader.next torch.loader.collate
raise RuntimeError | stack expects each tensor to be equal size, but got [3, {28-224}, {28-224}] at entry 0 and [3, {28-224}, {28-224}] at entry {1-31}
scenario pytorch 2 torch.cuda
call model.cuda()
chain torch.cuda.apply
raise RuntimeError | CUDA error: out of memory
raise RuntimeError | CUDA error: device-side assert triggered
scenario pytorch 2 torch.cuda.lazy
call x = x.to('cuda')
chain torch.cuda.lazy
raise AssertionError | Torch not compiled with CUDA enabled
scenario pytorch 2 torch.load
call model = torch.load('{word}.pth')
chain torch.load
raise RuntimeError | Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
scenario pytorch 2 torch.state_dict
call model.load_state_dict(torch.load(PATH))
chain torch.load_state_dict
raise RuntimeError | Error(s) in loading state_dict for {Layer}:\\n\\tMissing key(s) in state_dict: "fc.weight", "fc.bias". \\n\\tUnexpected key(s) in state_dict: "module.fc.weight", "module.fc.bias". 
scenario pytorch 1 lightning.fit
call trainer.fit(model, dm)
chain lightning.fit @training_step:y_hat = self(x) torch.module.call @forward:return self.layer(x) torch.module.call torch.linear
raise RuntimeError | mat1 and mat2 shapes cannot be multiplied ({1-128}x{2-4096} and {2-4096}x{2-1024})
scenario nltk 6 nltk.punkt
call tokens = nltk.word_tokenize(text)
chain nltk.word_tokenize nltk.data.load nltk.data.find
raise LookupError | \\n**********************************************************************\\n  Resource punkt not found.\\n  Please use the NLTK Downloader to obtain the resource:\\n\\n  >>> import nltk\\n  >>> nltk.download('punkt')\\n  \\n  Searched in:\\n    - '/home/{user}/nltk_data'\\n    - '/usr/share/nltk_data'\\n    - ''\\n**********************************************************************
scenario nltk 4 nltk.pos
call tagged = nltk.pos_tag(tokens)
chain nltk.pos_tag nltk.data.find
raise LookupError | \\n**********************************************************************\\n  Resource averaged_perceptron_tagger not found.\\n  Please use the NLTK Downloader to obtain the resource:\\n\\n  >>> import nltk\\n  >>> nltk.download('averaged_perceptron_tagger')\\n**********************************************************************
scenario nltk 4 nltk.stopwords.chained
call stop_words = set(stopwords.words('english'))
nouser
chain nltk.corpus.lazy.inner nltk.data.find
raise LookupError | \\n**********************************************************************\\n  Resource stopwords not found.\\n  Please use the NLTK Downloader to obtain the resource:\\n\\n  >>> import nltk\\n  >>> nltk.download('stopwords')\\n**********************************************************************
link context
chain nltk.corpus.lazy nltk.data.find
raise LookupError | {prev}
scenario nltk 2 nltk.wordnet
call lemma = lemmatizer.lemmatize(word)
chain nltk.lemmatize nltk.corpus.lazy nltk.data.find
raise LookupError | \\n**********************************************************************\\n  Resource wordnet not found.\\n  Please use the NLTK Downloader to obtain the resource:\\n\\n  >>> import nltk\\n  >>> nltk.download('wordnet')\\n**********************************************************************
scenario nltk 2 nltk.stanford
call st = StanfordNERTagger('english.all.3class.distsim.crf.ser.gz')
chain nltk.stanford
raise LookupError | \\n\\n===========================================================================\\nNLTK was unable to find stanford-ner.jar! Set the CLASSPATH\\nenvironment variable.\\n===========================================================================
scenario nltk 2 nltk.bayes
call classifier = nltk.NaiveBayesClassifier.train(train_set)
chain nltk.naivebayes
raise ValueError | too many values to unpack (expected 2)
raise AttributeError | 'str' object has no attribute 'items'
scenario huggingface 3 hf.offline
call model = BertModel.from_pretrained('{model}')
chain hf.model.from_pretrained hf.config.dict
raise OSError | Can't load config for '{model}'. Make sure that:\\n\\n- '{model}' is a correct model identifier listed on 'https://huggingface.co/models'\\n\\n- or '{model}' is the correct path to a directory containing a config.json file
scenario huggingface 2 hf.tokenizer.offline
call tokenizer = AutoTokenizer.from_pretrained('{model}')
chain hf.auto.tokenizer hf.config.dict
raise OSError | Can't load config for '{model}'. Make sure that:\\n\\n- '{model}' is a correct model identifier listed on 'https://huggingface.co/models'
scenario huggingface 2 hf.cache
call model = AutoModel.from_pretrained('{model}')
chain hf.model.from_pretrained hf.file_utils
raise ValueError | Connection error, and we cannot find the requested files in the cached path. Please try again or make sure your Internet connection is on.
scenario huggingface 3 hf.embedding
call outputs = model(input_ids, attention_mask=attention_mask)
chain torch.module.call hf.bert.model torch.module.call hf.bert.embeddings torch.module.call torch.sparse.embedding
raise IndexError | index out of range in self
raise RuntimeError | CUDA error: device-side assert triggered
scenario huggingface 2 hf.tokenize
call encoded = tokenizer(texts, padding=True, truncation=True)
chain hf.tokenizer.call
raise ValueError | Input is not valid. Should be a string, a list/tuple of strings or a list/tuple of integers.
scenario huggingface 2 hf.trainer
call trainer.train()
chain hf.trainer.train torch.module.call @forward:outputs = self.bert(input_ids) torch.module.call hf.bert.model torch.module.call hf.bert.embeddings torch.module.call torch.sparse.embedding
raise IndexError | index out of range in self
scenario huggingface 1 hf.tf
call output = model(inputs)
chain tf.keras.base_layer.call hf.tf.bert.call tf.keras.base_layer.call
raise ValueError | The first argument to `Layer.call` must always be passed.
scenario huggingface 1 hf.pipeline
call nlp = pipeline('sentiment-analysis')
chain hf.pipeline
raise RuntimeError | At least one of TensorFlow 2.0 or PyTorch should be installed. To install TensorFlow 2.0, read the instructions at https://www.tensorflow.org/install/ To install PyTorch, read the instructions at https://pytorch.org/.
scenario spark-ml 4 spark.fit.type
call model = lr.fit(train_df)
chain spark.ml.fit py4j.call.converted
raise pyspark.sql.utils.IllegalArgumentException | 'requirement failed: Column features must be of type struct<type:tinyint,size:int,indices:array<int>,values:array<double>> but was actually double.'
raise pyspark.sql.utils.IllegalArgumentException | 'Field "{col}" does not exist.'
scenario spark-ml 3 spark.pipeline
call model = pipeline.fit(trainingData)
chain spark.pipeline.fit spark.ml.fit py4j.call.converted
raise pyspark.sql.utils.IllegalArgumentException | 'Output column features already exists.'
raise pyspark.sql.utils.IllegalArgumentException | 'requirement failed: Column {col} must be of type numeric but was actually of type string.'
scenario spark-ml 2 spark.transform
call predictions = model.transform(testData)
chain spark.ml.transform py4j.call.raw
raise py4j.protocol.Py4JJavaError | An error occurred while calling o{100-9999}.transform.\\n: org.apache.spark.SparkException: Failed to execute user defined function($anonfun$4: (string) => double)
scenario spark-ml 2 spark.cv
call cvModel = cv.fit(train)
chain spark.tuning.cv spark.ml.fit py4j.call.raw
raise py4j.protocol.Py4JJavaError | An error occurred while calling o{100-9999}.fit.\\n: java.lang.OutOfMemoryError: Java heap space
scenario spark-ml 4 spark.fit.aborted
call model = pipeline.fit(train_df)
chain spark.pipeline.fit spark.ml.fit py4j.call.raw
raise py4j.protocol.Py4JJavaError | An error occurred while calling o{100-9999}.fit.\\n: org.apache.spark.SparkException: Job aborted due to stage failure: Task 0 in stage {1-40}.0 failed 1 times, most recent failure:
scenario spark-ml 3 spark.fit.require
call model = lr.fit(df)
chain spark.ml.fit py4j.call.raw
raise py4j.protocol.Py4JJavaError | An error occurred while calling o{100-9999}.fit.\\n: java.lang.IllegalArgumentException: requirement failed: Column features must be of type org.apache.spark.ml.linalg.VectorUDT@3bfc3ba7 but was actually DoubleType.
scenario spark-ml 1 spark.evaluate
call auc = evaluator.evaluate(predictions)
chain spark.evaluate py4j.call.converted
raise pyspark.sql.utils.IllegalArgumentException | 'requirement failed: Column rawPrediction must be of type equal to one of the following types: [double, struct<type:tinyint,size:int,indices:array<int>,values:array<double>>] but was actually of type string.'
scenario other 4 pandas.key
call df['{col}'].value_counts()
nouser
chain pandas.getloc.pyx
raise KeyError | '{col}'
link cause
chain pandas.getitem
raise KeyError | '{col}'
scenario other 3 pandas.csv
call df = pd.read_csv('{word}.csv')
chain pandas.read_csv
raise FileNotFoundError | [Errno 2] File b'{word}.csv' does not exist: b'{word}.csv'
raise UnicodeDecodeError | 'utf-8' codec can't decode byte 0x{8-9}{0-9} in position {1-9999}: invalid start byte
scenario mllib 3 spark.mllib
call model = LogisticRegressionWithLBFGS.train(data)
chain spark.mllib.train
raise TypeError | data should be an RDD of LabeledPoint, but got <class 'pyspark.sql.types.Row'>
""";
}
