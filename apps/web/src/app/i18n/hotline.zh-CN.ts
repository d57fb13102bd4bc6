/** Strings of the hotline screens (desk and phone); keep hotline.en-US.ts key for key. */
export const hotlineZhCN = {
  title: '便民热线',
};
