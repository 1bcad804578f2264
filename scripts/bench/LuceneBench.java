// Benchmark peer: Lucene 8 (Debian liblucene8-java), indexing and querying
// the same corpus and query mix as Communique, in-process.
//
//   java LuceneBench index CORPUS.tsv INDEX_DIR
//   java LuceneBench query INDEX_DIR QUERIES.tsv ROUNDS
//
// Analysis: StandardTokenizer + LowerCaseFilter + PorterStemFilter (English
// stemming, no stop words, positions on), on title and body. Prints one JSON
// object on stdout.
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import org.apache.lucene.analysis.*;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.document.*;
import org.apache.lucene.index.*;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.*;
import org.apache.lucene.store.FSDirectory;

public class LuceneBench {
  static Analyzer analyzer() {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        Tokenizer t = new StandardTokenizer();
        TokenStream s = new PorterStemFilter(new LowerCaseFilter(t));
        return new TokenStreamComponents(t, s);
      }
    };
  }

  public static void main(String[] args) throws Exception {
    if (args[0].equals("index")) index(args[1], args[2]);
    else query(args[1], args[2], Integer.parseInt(args[3]));
  }

  static void index(String tsv, String dir) throws Exception {
    long t0 = System.nanoTime();
    IndexWriterConfig cfg = new IndexWriterConfig(analyzer());
    cfg.setRAMBufferSizeMB(256);
    cfg.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
    long n = 0;
    try (IndexWriter w = new IndexWriter(FSDirectory.open(Paths.get(dir)), cfg);
         BufferedReader r = Files.newBufferedReader(Paths.get(tsv), StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        String[] f = line.split("\t", -1);
        Document d = new Document();
        d.add(new StringField("id", f[1], Field.Store.YES));
        long date = Long.parseLong(f[2]);
        d.add(new LongPoint("date", date));
        d.add(new NumericDocValuesField("date", date));
        d.add(new StoredField("date", date));
        d.add(new StringField("source", f[3], Field.Store.YES));
        d.add(new TextField("title", f[4], Field.Store.YES));
        d.add(new TextField("body", f[5], Field.Store.YES));
        w.updateDocument(new Term("id", f[1]), d);
        n++;
      }
      w.commit();
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "{\"documents\": %d, \"seconds\": %.3f}%n", n, secs);
  }

  static void query(String dir, String queries, int rounds) throws Exception {
    List<String[]> qs = new ArrayList<>();
    for (String line : Files.readAllLines(Paths.get(queries), StandardCharsets.UTF_8)) qs.add(line.split("\t", -1));
    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(Paths.get(dir)))) {
      IndexSearcher searcher = new IndexSearcher(reader);
      MultiFieldQueryParser qp = new MultiFieldQueryParser(new String[] {"title", "body"}, analyzer());
      qp.setDefaultOperator(QueryParser.Operator.AND);
      List<Long> lat = new ArrayList<>();
      long hits = 0;
      long t0 = System.nanoTime();
      for (int round = 0; round < rounds; round++) {
        for (String[] q : qs) {
          long s = System.nanoTime();
          Query text = qp.parse(q[1]);
          Query query = text;
          if (!q[3].isEmpty()) {
            long from = Long.parseLong(q[3].replace("-", "")), to = Long.parseLong(q[4].replace("-", ""));
            query = new BooleanQuery.Builder().add(text, BooleanClause.Occur.MUST)
                .add(LongPoint.newRangeQuery("date", from, to), BooleanClause.Occur.FILTER).build();
          }
          TopDocs top = searcher.search(query, 10);
          for (ScoreDoc sd : top.scoreDocs) searcher.doc(sd.doc);  // fetch stored fields, like a results page
          hits += top.totalHits.value;
          lat.add(System.nanoTime() - s);
        }
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      Collections.sort(lat);
      System.out.printf(Locale.ROOT, "{\"queries\": %d, \"p50_ms\": %.3f, \"p99_ms\": %.3f, \"qps\": %.1f, \"hits\": %d}%n",
          lat.size(), lat.get(lat.size() / 2) / 1e6, lat.get((int) (lat.size() * 0.99)) / 1e6, lat.size() / secs, hits);
    }
  }
}
