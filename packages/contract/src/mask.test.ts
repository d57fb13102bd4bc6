import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskMobile, maskName } from './mask';

describe('maskName', () => {
  it.each([
    ['张三', '张*'],
    ['张小三', '张*三'],
    ['欧阳娜娜', '欧**娜'],
    ['买买提·艾力', '买****力'],
    ['John Smith', 'J********h'],
    ['Li', 'L*'],
    ['王', '*'],
    ['', ''],
    [' 张小三 ', '张*三'],
  ])('%j → %j', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it('counts characters outside the BMP as one', () => {
    expect(maskName('𠀀小𠀁')).toBe('𠀀*𠀁');
  });
});

describe('maskIdNumber', () => {
  it('shows the first 3 and last 4 characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
    expect(maskIdNumber('11010519491231002x')).toBe('110***********002X');
  });

  it('hides short values completely', () => {
    expect(maskIdNumber('1234567')).toBe('*******');
  });
});

describe('maskMobile', () => {
  it('shows the first 3 and last 4 digits', () => {
    expect(maskMobile('13812345678')).toBe('138****5678');
    expect(maskMobile('+86 138-1234-5678')).toBe('138****5678');
  });

  it('still masks values that are not valid mobiles', () => {
    expect(maskMobile('010-12345678')).toBe('010****5678');
    expect(maskMobile('12345')).toBe('*****');
  });
});
