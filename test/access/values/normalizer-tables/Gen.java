import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import java.io.StringReader;

public class Gen {
  static String run(String kind, String s) throws Exception {
    KeywordTokenizer t = new KeywordTokenizer();
    t.setReader(new StringReader(s));
    TokenStream ts = kind.equals("cjk") ? new CJKWidthFilter(t) : new DecimalDigitFilter(t);
    CharTermAttribute a = ts.addAttribute(CharTermAttribute.class);
    ts.reset(); ts.incrementToken(); String out = a.toString(); ts.end(); ts.close();
    return out;
  }
  static String hex(String s) { StringBuilder b = new StringBuilder(); for (char c : s.toCharArray()) { if (b.length()>0) b.append(' '); b.append(Integer.toHexString(c)); } return b.toString(); }
  public static void main(String[] args) throws Exception {
    String what = args[0];
    if (what.equals("fold")) {
      char[] out = new char[8];
      for (int c = 0x80; c <= 0xFFFF; c++) {
        int n = ASCIIFoldingFilter.foldToASCII(new char[]{(char)c}, 0, out, 0, 1);
        String r = new String(out, 0, n);
        if (!(n == 1 && out[0] == (char)c)) System.out.println(Integer.toHexString(c) + "\t" + hex(r));
      }
    } else if (what.equals("upper")) {
      for (int c = 0; c <= 0x10FFFF; c++) { int u = Character.toUpperCase(c); if (u != c) System.out.println(Integer.toHexString(c) + "\t" + Integer.toHexString(u)); }
    } else if (what.equals("lower")) {
      for (int c = 0; c <= 0x10FFFF; c++) { int u = Character.toLowerCase(c); if (u != c) System.out.println(Integer.toHexString(c) + "\t" + Integer.toHexString(u)); }
    } else if (what.equals("digit")) {
      for (int c = 0x80; c <= 0x10FFFF; c++) { if (Character.isDigit(c)) System.out.println(Integer.toHexString(c) + "\t" + Character.getNumericValue(c)); }
    } else if (what.equals("space")) {
      for (int c = 0; c <= 0xFFFF; c++) { if (Character.isWhitespace((char)c)) System.out.println(Integer.toHexString(c)); }
    } else if (what.equals("cjk")) {
      for (int c = 0xFF01; c <= 0xFF9F; c++) { String r = run("cjk", String.valueOf((char)c)); System.out.println("single\t" + Integer.toHexString(c) + "\t" + hex(r)); }
      for (int p = 0x3000; p <= 0x30FF; p++) for (int m = 0xFF9E; m <= 0xFF9F; m++) { String r = run("cjk", "" + (char)p + (char)m); if (r.length() == 1) System.out.println("combine\t" + Integer.toHexString(p) + "\t" + Integer.toHexString(m) + "\t" + hex(r)); }
      // halfwidth kana followed by a mark
      for (int p = 0xFF65; p <= 0xFF9F; p++) for (int m = 0xFF9E; m <= 0xFF9F; m++) { String r = run("cjk", "" + (char)p + (char)m); System.out.println("pair\t" + Integer.toHexString(p) + "\t" + Integer.toHexString(m) + "\t" + hex(r)); }
    } else if (what.equals("dd")) {
      System.out.println(hex(run("dd", "a\uD835\uDFCE\u0661b")));
    }
  }
}
