// Slugs of headlines in every script: romanized where the romanization reads as the words, else the seed's file
// name, else article-<id>. The slug is a public contract: out/<slug>.pdf and <url>/articles/<slug>/.
import { describe, expect, test } from 'vitest';
import { isSlug } from '../../../src/normalize/slug.js';
import { article } from './helpers.js';

const slugOf = (headline: string, path = 'seeds/ar-weather.txt') => article(headline, {}, path).slug;

describe('slug: scripts whose romanization reads well keep it', () => {
  test.each([
    ['ru', 'Путин стремится сблизиться с Северной Кореей', 'putin-stremitsya-sblizitsya-s-severnoy-koreey'],
    ['el', 'Ο Πούτιν επιδιώκει προσέγγιση με τη Βόρεια Κορέα', 'o-poytin-epidiokei-proseggisi-me-ti-voreia-korea'],
    ['vi', 'Putin tìm cách lôi kéo Triều Tiên trước chuyến thăm', 'putin-tim-cach-loi-keo-trieu-tien-truoc-chuyen-tham'],
    ['tr', 'Putin ziyaret öncesi Kuzey Kore’ye kur yapıyor', 'putin-ziyaret-oncesi-kuzey-koreye-kur-yapiyor'],
    ['ka', 'პუტინი ჩრდილოეთ კორეას ეწვევა', 'putini-chrdiloet-koreas-etsveva'],
    ['hy', 'Պուտինը այցելում է Հյուսիսային Կորեա', 'powtiny-aytselowm-e-hyowsisayin-korea'],
    ['ko', '푸틴, 방문 앞두고 북한에 구애', 'putin-bangmun-apdugo-bughane-guae'],
    ['am', 'ፑቲን ሰሜን ኮሪያን ሊጎበኙ ነው', 'putin-semen-koriyan-ligobenyu-new'],
    ['dv', 'ޕުޓިން އުތުރު ކޮރެއާ', 'putin-uthuru-koreaa'],
    ['ja (kana only)', 'プーチン ニュース', 'puchin-niyusu'],
  ])('%s', (_, headline, slug) => {
    expect(slugOf(headline)).toBe(slug);
  });
});

describe('slug: Brahmic scripts get their inherent vowels and newspaper spellings back', () => {
  test.each([
    ['hi', 'पुतिन ने उत्तर कोरिया की यात्रा से पहले संबंध मजबूत करने की कोशिश की',
      'putin-ne-uttar-koriya-ki-yatra-se-pahale-sambandh-majabut-karane-ki-koshish-ki'],
    ['hi: clusters, one-consonant words, anusvara', 'भारत संसद मित्र न नई दिल्ली राष्ट्रपति चुनाव हिंदी',
      'bharat-sansad-mitra-na-nai-dilli-rashtrapati-chunav-hindi'],
    ['hi: nukta', 'क़ानून ज़रूरी फ़िल्म', 'qanun-zaruri-film'],
    ['mr', 'पुतिन यांची उत्तर कोरियाला भेट', 'putin-yanchi-uttar-koriyala-bhet'],
    ['bn', 'পুতিন উত্তর কোরিয়া সফরের আগে', 'putin-uttar-koriya-sapharer-age'],
    ['bn: anusvara is ng', 'বাংলাদেশ', 'bangladesh'],
    ['pa', 'ਪੁਤਿਨ ਉੱਤਰੀ ਕੋਰੀਆ ਦੌਰਾ', 'putin-utari-koria-daura'],
    ['gu', 'પુતિન ઉત્તર કોરિયાની મુલાકાત', 'putin-uttar-koriyani-mulakat'],
    ['ta', 'புடின் வட கொரியா பயணம்', 'putin-vata-koriya-payanam'],
    ['te', 'పుతిన్ ఉత్తర కొరియా పర్యటన', 'putin-uttara-koriya-paryatana'],
    ['kn', 'ಪುಟಿನ್ ಉತ್ತರ ಕೊರಿಯಾ ಭೇಟಿ', 'putin-uttara-koriya-bheti'],
    ['ml', 'പുടിൻ ഉത്തര കൊറിയ സന്ദർശനം', 'putin-uttara-koriya-sandarshanam'],
    ['si', 'පුටින් උතුරු කොරියාවට', 'putin-uturu-koriyavata'],
  ])('%s', (_, headline, slug) => {
    expect(slugOf(headline)).toBe(slug);
  });
});

describe('slug: abjads, Han, Thai, Lao, Khmer, Myanmar and Japanese with kanji use the file name', () => {
  test.each([
    ['ar', 'بوتين يسعى إلى التقرب من كوريا الشمالية قبل زيارته المقررة'],
    ['fa', 'پوتین پیش از سفر به کره شمالی'],
    ['ur', 'پوتن شمالی کوریا کے دورے سے پہلے'],
    ['he', 'פוטין מחזר אחרי צפון קוריאה לפני ביקורו'],
    ['zh-Hans', '普京在访问朝鲜前寻求拉拢朝鲜'],
    ['zh-Hant', '普丁訪問北韓前示好'],
    ['ja', 'プーチン氏、訪問前に北朝鮮に接近'],
    ['th', 'ปูตินเยือนเกาหลีเหนือ'],
    ['lo', 'ປູຕິນ ຢ້ຽມຢາມ ເກົາຫຼີເໜືອ'],
    ['km', 'ពូទីន ទៅទស្សនកិច្ច កូរ៉េខាងជើង'],
    ['my', 'ပူတင် မြောက်ကိုရီးယား ခရီးစဉ်'],
  ])('%s', (_, headline) => {
    expect(slugOf(headline)).toBe('ar-weather');
  });

  test('the file name is slugified like a headline', () => {
    expect(slugOf('أخبار', 'seeds/AR_Weather 2024-06.TXT')).toBe('ar-weather-2024-06');
    expect(slugOf('أخبار', 'C:\\seeds\\Tehran.txt')).toBe('tehran');
  });

  test('a file name with no usable ASCII either gives article-<the first 8 hex digits of the id>', () => {
    for (const path of ['seeds/خبر.txt', 'seeds/新闻.txt', 'seeds/___.txt']) {
      const a = article('بوتين في بيونغ يانغ', {}, path);
      expect(a.slug).toBe(`article-${a.id.slice('urn:uuid:'.length, 'urn:uuid:'.length + 8)}`);
      expect(isSlug(a.slug)).toBe(true);
    }
  });

  test('the fallback is stable: it follows the id, which a corrected headline does not change', () => {
    const before = article('بوتين في بيونغ يانغ', {}, 'seeds/خبر.txt');
    const after = article('بوتين يصل إلى بيونغ يانغ', {}, 'seeds/خبر.txt');
    expect(after.slug).toBe(before.slug);
    expect(article('بوتين في بيونغ يانغ', {}, 'seeds/خبر-٢.txt').slug).not.toBe(before.slug);
  });

  test('the majority of the letters decides a headline of two scripts', () => {
    expect(slugOf('آبل تطلق iPhone 16')).toBe('ar-weather');
    expect(slugOf('Xi Jinping 习近平 visits Moscow')).toBe('xi-jinping-xijinping-visits-moscow');
    expect(slugOf('BBC عربي')).toBe('ar-weather');
  });

  test('front matter `slug:` still wins', () => {
    expect(slugOf('---\nslug: putin-pyongyang\n---\nبوتين في بيونغ يانغ')).toBe('putin-pyongyang');
  });

  test('every slug matches the public pattern', () => {
    for (const headline of ['普京', 'بوتين', 'ปูติน', 'पुतिन', '🙂', '...', 'ǅ']) {
      for (const path of ['seeds/x.txt', 'seeds/新闻.txt']) expect(isSlug(slugOf(headline, path)), `${headline} ${path}`).toBe(true);
    }
  });
});
