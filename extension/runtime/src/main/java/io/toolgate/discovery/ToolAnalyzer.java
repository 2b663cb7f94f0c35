package io.toolgate.discovery;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * How tool text and queries become terms: words split at case changes, digits, underscores, dots and dashes (so
 * {@code get_weatherForecast} and "weather forecast" meet), lower-cased, English stop words dropped, and Porter-stemmed
 * ("orders" finds {@code list_order}). The same analyzer reads both sides, so they always agree.
 */
final class ToolAnalyzer extends Analyzer {

    private static final int SPLIT = WordDelimiterGraphFilter.GENERATE_WORD_PARTS
            | WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS
            | WordDelimiterGraphFilter.SPLIT_ON_CASE_CHANGE
            | WordDelimiterGraphFilter.SPLIT_ON_NUMERICS
            | WordDelimiterGraphFilter.STEM_ENGLISH_POSSESSIVE;

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        // StandardTokenizer keeps snake_case names whole; the word delimiter splits them afterwards.
        Tokenizer source = new StandardTokenizer();
        TokenStream stream = new WordDelimiterGraphFilter(source, SPLIT, null);
        stream = new LowerCaseFilter(stream);
        stream = new StopFilter(stream, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(source, stream);
    }
}
