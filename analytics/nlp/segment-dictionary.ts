// Dictionary segmentation: fewest words over a lexicon, with runs of capitalised syllables read as names.
import type { WordLexicon } from './segment-lexicon.ts';
import { Shape, isSyllableShape } from './segment-tokens.ts';
import type { TokenInfo } from './segment-tokens.ts';

/** Capitalised words that start sentences or precede names without being part of them. */
const NOT_NAME_START = new Set(
  (
    'các những một mỗi mọi này đó đây kia ấy trong ngoài trên dưới theo tại ở từ với về khi nếu sau trước do vì ' +
    'để nhưng và còn thì là của cho bởi tuy dù mà hay hoặc cũng đã đang sẽ chưa không chẳng có được bị phải nên ' +
    'cần tôi ta mình anh chị em ông bà cô chú bác cụ cháu thầy họ nó chúng ai gì nào sao đâu bao vậy thế rồi lại ' +
    'ra vào lên xuống đi đến tới qua hôm ngày tháng năm tuần giờ lúc nay mới chỉ rất quá lắm hơn nhất đều vẫn cứ ' +
    'luôn tỉnh huyện xã phường thị quận thành phố làng thôn ấp sở bộ ban ngành cục vụ viện trường hội đoàn đảng ' +
    'nhà tổng phó trưởng chủ bạn người dân con cái chiếc cuộc việc sự vị đội tổ khu vùng miền sông núi đèo đường ' +
    'cầu chợ báo đài kênh trang hiện ngay riêng chính toàn tất cả bên phía cùng nhiều ít chiều sáng tối trưa đêm ' +
    'thứ dạ vâng thưa xin cảm ồ ôi à ừ nhờ hãy đừng chớ hả đúng sai tiếp hai ba bốn năm sáu bảy tám chín mười'
  ).split(' '),
);

const NAME_COST = 1.1;
const NAME_OVER_WORD_COST = 1;
const MAX_NAME_LENGTH = 6;

function isNameShape(shape: Shape): boolean {
  return shape === Shape.capitalised || shape === Shape.initial;
}

/**
 * For tokens `infos`, marks in the returned array (length n - 1) each gap that the fewest-words segmentation
 * over `lexicon` joins. With `names`, runs of two or more capitalised syllables may also form one word.
 */
export function dictionaryJoins(
  infos: readonly TokenInfo[],
  lexicon: WordLexicon,
  names: boolean,
): Uint8Array {
  const n = infos.length;
  const joins = new Uint8Array(Math.max(0, n - 1));
  if (n < 2) return joins;
  const keys = infos.map((info) => info.key);
  const ids = lexicon.idsOf(keys);
  const cost = new Float64Array(n + 1);
  const next = new Int32Array(n + 1);
  const maxLength = Math.max(2, lexicon.maxLength);
  let syllableRunEnd = n;
  let nameRunEnd = n;
  const shortestWord = new Uint8Array(n);
  for (let i = n - 1; i >= 0; i--) {
    const shape = infos[i]!.shape;
    if (!isSyllableShape(shape)) syllableRunEnd = i;
    if (!isNameShape(shape)) nameRunEnd = i;
    cost[i] = cost[i + 1]! + 1;
    next[i] = i + 1;
    if (!isSyllableShape(shape)) continue;
    const limit = Math.min(syllableRunEnd, i + maxLength);
    lexicon.matchesAt(ids, i, limit, (length) => {
      if (shortestWord[i] === 0) shortestWord[i] = length;
      const total = cost[i + length]! + 1 - 0.001 * length;
      if (total < cost[i]!) {
        cost[i] = total;
        next[i] = i + length;
      }
    });
    if (!names || !isNameShape(shape) || NOT_NAME_START.has(keys[i]!)) continue;
    const nameLimit = Math.min(nameRunEnd, i + MAX_NAME_LENGTH);
    for (let end = i + 2; end <= nameLimit; end++) {
      let coversWord = false;
      for (let k = i; k < end - 1 && !coversWord; k++)
        coversWord = shortestWord[k]! > 0 && k + shortestWord[k]! <= end;
      const total = cost[end]! + NAME_COST + (coversWord ? NAME_OVER_WORD_COST : 0);
      if (total < cost[i]!) {
        cost[i] = total;
        next[i] = end;
      }
    }
  }
  for (let i = 0; i < n; i = next[i]!) for (let k = i; k < next[i]! - 1; k++) joins[k] = 1;
  return joins;
}
