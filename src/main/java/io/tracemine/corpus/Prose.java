package io.tracemine.corpus;

import java.util.Map;

/** Sentences, titles and code snippets for question and answer bodies (HTML-ready). */
final class Prose {
  private Prose() {}

  static final Map<String, String> DISPLAY =
      Map.of(
          "tensorflow",
          "TensorFlow",
          "keras",
          "Keras",
          "scikit-learn",
          "scikit-learn",
          "pytorch",
          "PyTorch",
          "nltk",
          "NLTK",
          "huggingface",
          "Hugging Face transformers",
          "spark-ml",
          "Spark ML",
          "other",
          "pandas",
          "mllib",
          "MLlib");

  static final String[] INTROS = {
    "I'm trying to train a {net} with {lib} on my own dataset.",
    "I am new to {lib} and I'm following the tutorial from the official documentation.",
    "I have a dataset of {10-90000} samples and I want to build a {net} using {lib}.",
    "I'm working on a {task} problem and I decided to use {lib} for it.",
    "I wrote a small script that uses {lib} to do {task}.",
    "I've been stuck on this for two days now &amp; I can't figure out what's wrong.",
    "I'm following the book &quot;Deep Learning with Python&quot; and trying to adapt an example to"
        + " {task}.",
    "Recently I upgraded to {lib} and my code that used to work stopped working.",
    "I'm trying to reproduce the results of a paper on {task} with {lib}.",
    "My goal is {task}, and I have my data in a <code>pandas</code> DataFrame with {2-200}"
        + " columns.",
  };
  static final String[] NETS = {
    "CNN",
    "LSTM",
    "simple neural network",
    "classifier",
    "autoencoder",
    "GAN",
    "RNN",
    "regression model",
    "text classifier",
    "U-Net",
    "BERT model"
  };
  static final String[] TASKS = {
    "image classification",
    "sentiment analysis",
    "time series forecasting",
    "text classification",
    "named entity recognition",
    "object detection",
    "spam detection",
    "customer churn prediction",
    "digit recognition on MNIST",
    "topic modelling"
  };
  static final String[] DETAILS = {
    "The shape of <code>X_train</code> is <code>({10-60000}, {2-784})</code> and"
        + " <code>y_train</code> is <code>({10-60000},)</code>.",
    "I already checked that there are no missing values with <code>df.isnull().sum()</code>.",
    "I'm running this on Google Colab with a GPU.",
    "I'm using Python 3.{5-8} on {os} with {lib} installed through <code>pip</code>.",
    "I'm using Anaconda on {os}.",
    "My labels are one-hot encoded with <code>to_categorical</code>.",
    "When I print <code>model.summary()</code> everything looks fine.",
    "The same code works on my laptop but not on the server.",
    "I think the problem is in how I reshape the data, but I'm not sure.",
    "The input images are <code>{28-256}x{28-256}</code> RGB images.",
  };
  static final String[] LEADS = {
    "But I get the following error:",
    "When I run it I get this error:",
    "Here is the full traceback:",
    "This is the error I get:",
    "The error:",
    "Running this gives me:",
    "I get this error message:",
    "It fails with:",
    "Output:",
    "The code throws the following exception:"
  };
  static final String[] CODE_LEADS = {
    "Here is my code:",
    "This is what I have so far:",
    "My code:",
    "Here is a minimal example:",
    "This is how I build the model:",
    "The relevant part of the code is:",
    "Code:"
  };
  static final String[] TRIED = {
    "upgrading <code>{pkg}</code> to the latest version",
    "reshaping the input with <code>np.reshape</code>",
    "restarting the kernel",
    "reinstalling with <code>pip install {pkg}</code>",
    "changing <code>input_shape</code>",
    "converting the data with <code>.astype('float32')</code>",
    "using a smaller batch size",
    "downgrading to an older version",
    "searching for similar questions on Stack Overflow",
    "running it outside of Jupyter"
  };
  static final String[] CLOSINGS = {
    "Any help would be appreciated.",
    "What am I doing wrong?",
    "How can I fix this?",
    "Thanks in advance!",
    "Can anyone explain what this error means?",
    "Any ideas?",
    "Is this a bug or am I missing something?",
    "I'm using {lib} {ver} and Python 3.{5-8}."
  };
  static final String[] QUOTES = {
    "The documentation says: &quot;{doc}&quot;", "From the docs: {doc}"
  };
  static final String[] DOCS = {
    "If unspecified, batch_size will default to 32.",
        "The input must be a 2D array-like of shape (n_samples, n_features).",
    "Returns a Tensor with the same type as the input.",
        "All pre-trained models expect input images normalized in the same way."
  };
  static final String[] TITLES = {
    "How to {task} with {lib}?",
    "{lib}: {net} gives wrong predictions",
    "Why does my {net} not learn?",
    "How do I save and load a model in {lib}?",
    "{lib} model accuracy stuck at 50%",
    "How to use a custom loss function in {lib}",
    "Getting an error when training a {net} in {lib}",
    "{lib} - how to reshape input for a {net}",
    "Difference between fit and fit_transform in {lib}",
    "How to speed up training of a {net}?",
    "Error while running {lib} code for {task}",
    "{lib} out of memory when training a {net}"
  };
  static final String[] ERROR_TITLES = {
    "{type}: {msg}",
    "{lib}: {type} when calling {call}",
    "Getting {type} in {lib}",
    "{type} with {lib} {net}",
    "How to solve \"{msg}\"?"
  };
  static final String[] ANSWERS = {
    "The problem is that your input has the wrong shape. You need to reshape it before passing it"
        + " to the model:",
    "You are passing a 1D array where a 2D array is expected. Try this:",
    "This happens because the versions of {lib} and your other packages don't match. Reinstall them"
        + " with:",
    "You forgot to call <code>fit</code> before <code>predict</code>.",
    "Your labels are integers, so you should use <code>sparse_categorical_crossentropy</code>"
        + " instead of <code>categorical_crossentropy</code>.",
    "Check the output of your last layer: it must have as many units as you have classes.",
    "As the error message says, the resource is missing. Download it first:",
    "This is a known issue, see the GitHub issue tracker. Upgrading fixed it for me:",
    "I had the same error. In my case the file path was wrong.",
    "Try converting your data to <code>float32</code> first; NumPy arrays of type"
        + " <code>object</code> can't be converted to tensors."
  };
  static final String[] ANSWER_CODE = {
    "X = X.reshape(-1, 1)\nmodel.fit(X, y)",
    "pip install --upgrade {pkg}",
    "import nltk\nnltk.download('punkt')",
    "model.compile(loss='sparse_categorical_crossentropy',\n"
        + "              optimizer='adam',\n"
        + "              metrics=['accuracy'])",
    "X_train = np.asarray(X_train).astype('float32')",
    "model = torch.load(PATH, map_location=torch.device('cpu'))",
    "df = df.dropna()\nX = df.drop(columns=['{col}'])\ny = df['{col}']",
    "model.add(Dense(num_classes, activation='softmax'))"
  };
  static final String[] OUTPUTS = {
    "Epoch 1/{5-50}\n"
        + "{100-1875}/{100-1875} [==============================] - {1-90}s {1-300}ms/step - loss:"
        + " 0.{1000-9999} - accuracy: 0.{1000-9999}\n"
        + "Epoch 2/{5-50}\n"
        + "{100-1875}/{100-1875} [==============================] - {1-90}s {1-300}ms/step - loss:"
        + " 0.{1000-9999} - accuracy: 0.{1000-9999}",
    "({10-60000}, {28-224}, {28-224}, {1-3})\n({10-60000},)",
    "              precision    recall  f1-score   support\n\n"
        + "           0       0.{10-99}      0.{10-99}      0.{10-99}       {10-999}\n"
        + "           1       0.{10-99}      0.{10-99}      0.{10-99}       {10-999}",
    "tensor([[0.{1000-9999}, 0.{1000-9999}],\n"
        + "        [0.{1000-9999}, 0.{1000-9999}]], grad_fn=<AddmmBackward>)"
  };

  static final Map<String, String[]> CODE =
      Map.of(
          "tensorflow",
              new String[] {
                "import tensorflow as tf\n"
                    + "import numpy as np\n\n"
                    + "x = tf.placeholder(tf.float32, [None, {2-784}])\n"
                    + "y = tf.placeholder(tf.float32, [None, {2-10}])\n"
                    + "W = tf.Variable(tf.zeros([{2-784}, {2-10}]))\n"
                    + "b = tf.Variable(tf.zeros([{2-10}]))\n"
                    + "logits = tf.matmul(x, W) + b\n"
                    + "loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=y,"
                    + " logits=logits))\n"
                    + "train_op = tf.train.GradientDescentOptimizer(0.01).minimize(loss)\n\n"
                    + "with tf.Session() as sess:\n"
                    + "    sess.run(tf.global_variables_initializer())\n"
                    + "    for i in range({10-1000}):\n"
                    + "        sess.run(train_op, feed_dict={x: batch_x, y: batch_y})",
                "model = tf.keras.Sequential([\n"
                    + "    tf.keras.layers.Flatten(input_shape=({28-64}, {28-64})),\n"
                    + "    tf.keras.layers.Dense({16-512}, activation='relu'),\n"
                    + "    tf.keras.layers.Dropout(0.2),\n"
                    + "    tf.keras.layers.Dense({2-10}, activation='softmax')\n"
                    + "])\n"
                    + "model.compile(optimizer='adam', loss='sparse_categorical_crossentropy',"
                    + " metrics=['accuracy'])\n"
                    + "model.fit(x_train, y_train, epochs={5-50})",
                "train_ds = tf.data.Dataset.from_tensor_slices((images, labels))\n"
                    + "train_ds = train_ds.shuffle({100-10000}).batch({16-128})\n\n"
                    + "for step, (x, y) in enumerate(train_ds):\n"
                    + "    with tf.GradientTape() as tape:\n"
                    + "        logits = model(x, training=True)\n"
                    + "        loss = loss_fn(y, logits)\n"
                    + "    grads = tape.gradient(loss, model.trainable_weights)\n"
                    + "    optimizer.apply_gradients(zip(grads, model.trainable_weights))",
                "pip install tensorflow-gpu==1.{12-15}.0"
              },
          "keras",
              new String[] {
                "from keras.models import Sequential\n"
                    + "from keras.layers import Dense, LSTM, Dropout\n\n"
                    + "model = Sequential()\n"
                    + "model.add(LSTM({16-256}, input_shape=(timesteps, features)))\n"
                    + "model.add(Dropout(0.{1-5}))\n"
                    + "model.add(Dense(1, activation='sigmoid'))\n"
                    + "model.compile(loss='binary_crossentropy', optimizer='adam',"
                    + " metrics=['accuracy'])\n"
                    + "model.fit(X_train, y_train, epochs={5-100}, batch_size={16-128},"
                    + " validation_data=(X_test, y_test))",
                "model = Sequential()\n"
                    + "model.add(Conv2D(32, (3, 3), activation='relu', input_shape=({28-224},"
                    + " {28-224}, 3)))\n"
                    + "model.add(MaxPooling2D(pool_size=(2, 2)))\n"
                    + "model.add(Flatten())\n"
                    + "model.add(Dense({16-512}, activation='relu'))\n"
                    + "model.add(Dense({2-10}, activation='softmax'))",
                "train_datagen = ImageDataGenerator(rescale=1./255, shear_range=0.2,"
                    + " zoom_range=0.2)\n"
                    + "train_generator = train_datagen.flow_from_directory(\n"
                    + "    'data/train',\n"
                    + "    target_size=({64-224}, {64-224}),\n"
                    + "    batch_size={16-64},\n"
                    + "    class_mode='categorical')",
                "if len(X) > 0 and X.shape[1] < {2-100}:\n"
                    + "    X = np.pad(X, ((0, 0), (0, {1-50})), 'constant')\n"
                    + "print(\"X shape:\", X.shape)"
              },
          "scikit-learn",
              new String[] {
                "import pandas as pd\n"
                    + "from sklearn.model_selection import train_test_split\n"
                    + "from sklearn.linear_model import LogisticRegression\n\n"
                    + "df = pd.read_csv('{word}.csv')\n"
                    + "X = df.drop('{col}', axis=1)\n"
                    + "y = df['{col}']\n"
                    + "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)\n"
                    + "clf = LogisticRegression()\n"
                    + "clf.fit(X_train, y_train)\n"
                    + "print(clf.score(X_test, y_test))",
                "from sklearn.feature_extraction.text import TfidfVectorizer\n"
                    + "from sklearn.pipeline import Pipeline\n"
                    + "from sklearn.naive_bayes import MultinomialNB\n\n"
                    + "pipeline = Pipeline([\n"
                    + "    ('tfidf', TfidfVectorizer(stop_words='english')),\n"
                    + "    ('clf', MultinomialNB()),\n"
                    + "])\n"
                    + "pipeline.fit(docs, labels)",
                "param_grid = {'n_estimators': [{10-100}, {100-500}], 'max_depth': [None,"
                    + " {2-20}]}\n"
                    + "grid = GridSearchCV(RandomForestClassifier(), param_grid, cv=5, n_jobs=-1)\n"
                    + "grid.fit(X_train, y_train)\n"
                    + "print(grid.best_params_)",
                "for i in range(len(X)):\n    if X[i] < 0 & mask[i]:\n        X[i] = 0"
              },
          "pytorch",
              new String[] {
                "import torch\n"
                    + "import torch.nn as nn\n"
                    + "import torch.nn.functional as F\n\n"
                    + "class Net(nn.Module):\n"
                    + "    def __init__(self):\n"
                    + "        super(Net, self).__init__()\n"
                    + "        self.conv1 = nn.Conv2d(3, {6-64}, 5)\n"
                    + "        self.pool = nn.MaxPool2d(2, 2)\n"
                    + "        self.fc1 = nn.Linear({16-512} * 5 * 5, {16-512})\n"
                    + "        self.fc2 = nn.Linear({16-512}, {2-10})\n\n"
                    + "    def forward(self, x):\n"
                    + "        x = self.pool(F.relu(self.conv1(x)))\n"
                    + "        x = x.view(-1, {16-512} * 5 * 5)\n"
                    + "        x = F.relu(self.fc1(x))\n"
                    + "        return self.fc2(x)",
                "for epoch in range({2-100}):\n"
                    + "    for images, labels in train_loader:\n"
                    + "        optimizer.zero_grad()\n"
                    + "        outputs = model(images)\n"
                    + "        loss = criterion(outputs, labels)\n"
                    + "        loss.backward()\n"
                    + "        optimizer.step()\n"
                    + "    print(f'epoch {epoch} loss {loss.item()}')",
                "class MyDataset(Dataset):\n"
                    + "    def __init__(self, paths, labels):\n"
                    + "        self.paths = paths\n"
                    + "        self.labels = labels\n\n"
                    + "    def __len__(self):\n"
                    + "        return len(self.paths)\n\n"
                    + "    def __getitem__(self, idx):\n"
                    + "        image = Image.open(self.paths[idx])\n"
                    + "        return transform(image), self.labels[idx]"
              },
          "nltk",
              new String[] {
                "import nltk\n"
                    + "from nltk.corpus import stopwords\n"
                    + "from nltk.tokenize import word_tokenize\n\n"
                    + "text = \"This is a sample sentence, showing off the stop words"
                    + " filtration.\"\n"
                    + "stop_words = set(stopwords.words('english'))\n"
                    + "tokens = word_tokenize(text)\n"
                    + "filtered = [w for w in tokens if not w in stop_words]\n"
                    + "print(filtered)",
                "from nltk.stem import WordNetLemmatizer\n"
                    + "lemmatizer = WordNetLemmatizer()\n"
                    + "for word in words:\n"
                    + "    print(word, \"=&gt;\", lemmatizer.lemmatize(word))",
                "featuresets = [(document_features(d), c) for (d, c) in documents]\n"
                    + "train_set, test_set = featuresets[{100-1000}:], featuresets[:{100-1000}]\n"
                    + "classifier = nltk.NaiveBayesClassifier.train(train_set)\n"
                    + "print(nltk.classify.accuracy(classifier, test_set))"
              },
          "huggingface",
              new String[] {
                "from transformers import BertTokenizer, BertModel\n\n"
                    + "tokenizer = BertTokenizer.from_pretrained('{model}')\n"
                    + "model = BertModel.from_pretrained('{model}')\n"
                    + "inputs = tokenizer(\"Hello, my dog is cute\", return_tensors=\"pt\")\n"
                    + "outputs = model(**inputs)",
                "training_args = TrainingArguments(output_dir='./results', num_train_epochs={1-10},"
                    + " per_device_train_batch_size={4-32})\n"
                    + "trainer = Trainer(model=model, args=training_args,"
                    + " train_dataset=train_dataset)\n"
                    + "trainer.train()"
              },
          "spark-ml",
              new String[] {
                "from pyspark.ml.feature import VectorAssembler\n"
                    + "from pyspark.ml.classification import LogisticRegression\n\n"
                    + "assembler = VectorAssembler(inputCols=['{col}', 'age', 'income'],"
                    + " outputCol='features')\n"
                    + "df = assembler.transform(df)\n"
                    + "lr = LogisticRegression(featuresCol='features', labelCol='label')\n"
                    + "model = lr.fit(train_df)",
                "pipeline = Pipeline(stages=[indexer, assembler, rf])\n"
                    + "model = pipeline.fit(trainingData)\n"
                    + "predictions = model.transform(testData)"
              },
          "other",
              new String[] {
                "import pandas as pd\n"
                    + "import numpy as np\n\n"
                    + "df = pd.read_csv('{word}.csv')\n"
                    + "df['{col}'] = df['{col}'].apply(lambda x: x * 2 if x > 0 else np.nan)\n"
                    + "print(df.head())",
                "arr = np.array([[1, 2], [3, 4]])\nprint(arr.shape, arr.dtype)"
              },
          "mllib",
              new String[] {
                "from pyspark.mllib.classification import LogisticRegressionWithLBFGS\n"
                    + "from pyspark.mllib.regression import LabeledPoint\n\n"
                    + "data = df.rdd.map(lambda row: LabeledPoint(row[-1], row[:-1]))\n"
                    + "model = LogisticRegressionWithLBFGS.train(data)"
              });

  static final Map<String, String> PKG =
      Map.of(
          "tensorflow",
          "tensorflow",
          "keras",
          "keras",
          "scikit-learn",
          "scikit-learn",
          "pytorch",
          "torch",
          "nltk",
          "nltk",
          "huggingface",
          "transformers",
          "spark-ml",
          "pyspark",
          "other",
          "pandas",
          "mllib",
          "pyspark");
  static final Map<String, String[]> VERSIONS =
      Map.of(
          "tensorflow", new String[] {"1.14", "1.15", "2.0", "2.1", "2.3.0", "2.4.0"},
          "keras", new String[] {"2.2.4", "2.3.1", "2.4.3"},
          "scikit-learn", new String[] {"0.20.3", "0.22.1", "0.23.2", "0.24.0"},
          "pytorch", new String[] {"1.4.0", "1.5.0", "1.6.0", "1.7.1"},
          "nltk", new String[] {"3.4.5", "3.5"},
          "huggingface", new String[] {"3.0.2", "3.5.1", "4.0.0"},
          "spark-ml", new String[] {"2.4.5", "3.0.1"},
          "other", new String[] {"1.0.5", "1.1.5"},
          "mllib", new String[] {"2.4.5"});
}
